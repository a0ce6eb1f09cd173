"""Authors as persons or organisations: read, written, exported; an old string author still loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nc_facts import load_base
from nc_facts.errors import UsageError
from nc_facts.model import Author
from nc_facts.specs import parse_person

from conftest import RunCli


def give_authors(run_cli: RunCli, base: Path) -> None:
    result = run_cli("edit-source", "daily-news", "--base", str(base), "--author", "Roy Greenslade",
                     "--author", "Doe, Jane", "--author-org", "BBC News")
    assert result.code == 0, result.stderr


def test_authors_are_written_as_persons_and_organisations_and_read_back(run_cli: RunCli, mini_base: Path) -> None:
    give_authors(run_cli, mini_base)
    text = (mini_base / "sources.toml").read_text(encoding="utf-8")
    assert 'author = [{family = "Greenslade", given = "Roy"}, {family = "Doe", given = "Jane"}, ' \
           '{organisation = "BBC News"}]\n' in text
    source = load_base(mini_base).sources["daily-news"]
    assert source.names == (Author("Greenslade", "Roy"), Author("Doe", "Jane"), Author(organisation="BBC News"))
    shown = run_cli("sources", "--base", str(mini_base), "--json").json()["sources"]
    daily = next(s for s in shown if s["key"] == "daily-news")
    assert daily["author"] == "Roy Greenslade; Jane Doe; BBC News"
    assert daily["authors"] == [{"family": "Greenslade", "given": "Roy"}, {"family": "Doe", "given": "Jane"},
                                {"organisation": "BBC News"}]


def test_a_string_author_stays_a_literal_name(run_cli: RunCli, mini_base: Path) -> None:
    sources = mini_base / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        'from_article = true\n', 'from_article = true\nauthor = "Agence France-Presse"\n', 1), encoding="utf-8")
    source = next(iter(load_base(mini_base).sources.values()))
    assert source.names == (Author(organisation="Agence France-Presse"),)
    csl = json.loads(run_cli("export", "--base", str(mini_base), "--format", "csl-json").stdout)
    assert next(item for item in csl if item["id"] == source.key)["author"] == [{"literal": "Agence France-Presse"}]


def test_exports_name_persons_by_surname(run_cli: RunCli, mini_base: Path) -> None:
    give_authors(run_cli, mini_base)
    base = ["--base", str(mini_base), "--facts", "island-no-2020"]
    biblatex = run_cli("export", *base, "--format", "biblatex").stdout
    assert "  author = {Greenslade, Roy and Doe, Jane and {BBC News}},\n" in biblatex
    bibtex = run_cli("export", *base, "--format", "bibtex").stdout
    assert "  author = {Greenslade, Roy and Doe, Jane and {BBC News}},\n" in bibtex
    ris = run_cli("export", *base, "--format", "ris").stdout
    assert [line for line in ris.splitlines() if line.startswith("AU")] == [
        "AU  - Greenslade, Roy", "AU  - Doe, Jane", "AU  - BBC News"]
    csl = json.loads(run_cli("export", *base, "--format", "csl-json").stdout)
    assert csl[0]["author"] == [{"family": "Greenslade", "given": "Roy"}, {"family": "Doe", "given": "Jane"},
                                {"literal": "BBC News"}]
    chicago = run_cli("export", *base, "--style", "chicago").stdout
    assert chicago.startswith("Greenslade, R")


def test_an_author_must_be_a_person_or_an_organisation(run_cli: RunCli, mini_base: Path) -> None:
    sources = mini_base / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        'from_article = true\n', 'from_article = true\nauthor = [{given = "Roy"}]\n', 1), encoding="utf-8")
    result = run_cli("validate", "--base", str(mini_base), "--json")
    assert result.code == 2
    assert [p["message"] for p in result.json()["problems"]] == [
        "an author has a family name (a person) or an organisation, one of the two"]
    assert result.json()["problems"][0]["field"] == "author[0]"


@pytest.mark.parametrize(("written", "expected"), [
    ("Roy Greenslade", Author("Greenslade", "Roy")),
    ("Greenslade, Roy", Author("Greenslade", "Roy")),
    ("Anna van der Berg", Author("van der Berg", "Anna")),
    ("Le Pen, Jean-Marie", Author("Le Pen", "Jean-Marie")),
    ("Madonna", Author("Madonna")),
])
def test_a_person_is_split_into_names_as_bibtex_splits_them(written: str, expected: Author) -> None:
    assert parse_person(written) == expected


@pytest.mark.parametrize("written", ["  ", "a, b, c, d"])
def test_what_is_not_a_name_is_refused(written: str) -> None:
    with pytest.raises(UsageError, match="write a person's name"):
        parse_person(written)


def test_a_bibliography_sorts_persons_by_family_name(run_cli: RunCli, mini_base: Path) -> None:
    # Sorted as literal names, "Anna Zed" would come before "Bob Adams"; by family name Adams comes first.
    for key, author in (("daily-news", "Anna Zed"), ("gazete-ada", "Bob Adams")):
        assert run_cli("edit-source", key, "--base", str(mini_base), "--author", author).code == 0
    for style in ("chicago", "apa", "mla"):
        entries = run_cli("export", "--base", str(mini_base), "--style", style).stdout.split("\n\n")
        firsts = [entry.split(",")[0] for entry in entries]
        assert firsts.index("Adams") < firsts.index("Zed"), (style, firsts)

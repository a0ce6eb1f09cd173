"""import: sources from BibTeX/BibLaTeX, CSL-JSON and RIS; duplicates reported, keys as add-source makes them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base

from conftest import ROOT, RunCli

ZOTERO_BIBLATEX = r"""
@article{greensladeBrexitVote2016,
  title = {The {Brexit} Vote and the Press},
  author = {Greenslade, Roy and {Press Association}},
  date = {2016-06-24},
  journaltitle = {The Guardian},
  entrysubtype = {newspaper},
  url = {https://www.theguardian.com/media/2016/jun/24/brexit-press},
  urldate = {2025-07-19},
  langid = {english},
}

@online{leMondeRefErendum2018,
  title = {R{\'e}f{\'e}rendum en Nouvelle-Cal{\'e}donie},
  author = {Dupont, Jean-Marie},
  organization = {Le Monde},
  langid = {french},
}

@article{smithVotes2020,
  title = {Turnout \& Trust},
  author = {Smith, Anne},
  journaltitle = {Journal of Votes},
  doi = {10.1000/xyz123},
  year = {2020},
  month = mar,
}
"""


@pytest.fixture
def empty_base(run_cli: RunCli, tmp_path: Path) -> Path:
    target = tmp_path / "empty"
    assert run_cli("init", str(target)).code == 0
    return target


def entries(export: str, separator: str) -> list[str]:
    """The entries of an export, in a fixed order: imported sources have no footnotes to order them by."""
    return sorted(entry.strip() for entry in export.split(separator) if entry.strip())


@pytest.mark.parametrize(("file_format", "suffix", "separator"), [
    ("biblatex", ".bib", "\n\n"), ("bibtex", ".bib", "\n\n"), ("ris", ".ris", "ER  - "),
])
def test_export_import_export_gives_the_same_entries(run_cli: RunCli, empty_base: Path, tmp_path: Path,
                                                     file_format: str, suffix: str, separator: str) -> None:
    exported = run_cli("export", "--base", str(ROOT), "--format", file_format)
    assert exported.code == 0, exported.stderr
    path = tmp_path / f"all{suffix}"
    path.write_text(exported.stdout, encoding="utf-8")
    result = run_cli("import", str(path), "--base", str(empty_base), "--json")
    assert result.code == 0, result.stderr
    assert len(result.json()["added"]) == len(load_base(ROOT).sources)
    again = run_cli("export", "--base", str(empty_base), "--format", file_format)
    assert entries(again.stdout, separator) == entries(exported.stdout, separator)


def test_csl_json_round_trip_gives_the_same_items(run_cli: RunCli, empty_base: Path, tmp_path: Path) -> None:
    exported = run_cli("export", "--base", str(ROOT), "--format", "csl-json")
    path = tmp_path / "all.json"
    path.write_text(exported.stdout, encoding="utf-8")
    assert run_cli("import", str(path), "--base", str(empty_base)).code == 0
    again = run_cli("export", "--base", str(empty_base), "--format", "csl-json")

    def by_id(text: str) -> list[Any]:
        return sorted(json.loads(text), key=lambda item: item["id"])

    assert by_id(again.stdout) == by_id(exported.stdout)


def test_a_zotero_export_gets_keys_persons_and_reports_what_it_cannot_take(
        run_cli: RunCli, empty_base: Path, tmp_path: Path, validate_json: Callable[[Any, str], None]) -> None:
    path = tmp_path / "zotero.bib"
    path.write_text(ZOTERO_BIBLATEX, encoding="utf-8")
    result = run_cli("import", str(path), "--base", str(empty_base), "--json")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "imported")
    document = result.json()
    # Zotero's keys are not valid base keys: made from outlet and title instead, as add-source makes them.
    assert [source["key"] for source in document["added"]] == ["the-guardian-brexit-vote-press",
                                                               "journal-of-turnout-trust"]
    guardian, journal = document["added"]
    assert guardian["authors"] == [{"family": "Greenslade", "given": "Roy"}, {"organisation": "Press Association"}]
    assert (guardian["kind"], guardian["published"], guardian["accessed"]) == ("news-article", "2016-06-24",
                                                                              "2025-07-19")
    assert (journal["title"], journal["url"], journal["published"]) == (
        "Turnout & Trust", "https://doi.org/10.1000/xyz123", "2020-03")
    assert document["skipped"] == [{"entry": "leMondeRefErendum2018",
                                    "reason": "title_en: a title not in English needs its English translation"}]
    assert "1 entry skipped; add it with add-source" in result.stderr


def test_duplicates_by_url_or_doi_are_reported_not_added(run_cli: RunCli, empty_base: Path, tmp_path: Path) -> None:
    path = tmp_path / "zotero.bib"
    path.write_text(ZOTERO_BIBLATEX, encoding="utf-8")
    assert run_cli("import", str(path), "--base", str(empty_base)).code == 0
    before = (empty_base / "sources.toml").read_bytes()
    again = run_cli("import", str(path), "--base", str(empty_base), "--json")
    assert again.code == 0, again.stderr
    assert again.json()["added"] == []
    assert again.json()["duplicates"] == [
        {"entry": "greensladeBrexitVote2016", "existing": "the-guardian-brexit-vote-press", "by": "URL"},
        {"entry": "smithVotes2020", "existing": "journal-of-turnout-trust", "by": "DOI"}]
    assert (empty_base / "sources.toml").read_bytes() == before
    shown = run_cli("import", str(path), "--base", str(empty_base))
    assert "already in the base: greensladeBrexitVote2016 (same URL as the-guardian-brexit-vote-press)" \
        in shown.stdout


def test_dry_run_shows_what_would_be_added_and_writes_nothing(run_cli: RunCli, empty_base: Path,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "zotero.bib"
    path.write_text(ZOTERO_BIBLATEX, encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in empty_base.iterdir())
    result = run_cli("import", str(path), "--base", str(empty_base), "--dry-run")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "would add the-guardian-brexit-vote-press: The Brexit Vote and the Press"
    assert result.stdout.splitlines()[-1] == "2 would add, 0 already in the base, 1 skipped"
    assert sorted((p.name, p.read_bytes()) for p in empty_base.iterdir()) == before


def test_a_file_that_is_not_what_it_says_is_one_line(run_cli: RunCli, empty_base: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "a",\n "title": }]', encoding="utf-8")
    result = run_cli("import", str(path), "--base", str(empty_base))
    assert result.code == 2
    assert result.stderr == f"nc-facts: error: {path}:2:11: cannot read as CSL-JSON: Expecting value\n"
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just words", encoding="utf-8")
    assert run_cli("import", str(unknown), "--base", str(empty_base)).stderr == (
        f"nc-facts: error: {unknown}: cannot tell its format; give --format (bibtex, csl-json, ris)\n")


def test_a_file_with_no_entries_says_so(run_cli: RunCli, empty_base: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.ris"
    path.write_text("hello\nworld\n", encoding="utf-8")
    result = run_cli("import", str(path), "--base", str(empty_base))
    assert (result.code, result.stderr) == (2, f"nc-facts: error: {path}: no ris entries found; is it a ris file?\n")


@pytest.mark.parametrize(("written", "code"), [("english", "en"), ("ngerman", "de"), ("Dutch", "nl"),
                                               ("French (France)", "fr"), ("pt-BR", "pt-br"), ("", "en")])
def test_languages_are_read_by_their_cldr_names_and_latex_variants(run_cli: RunCli, empty_base: Path,
                                                                   tmp_path: Path, written: str, code: str) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"id": "one", "type": "webpage", "title": "Een titel [A title]",
                                 "container-title": "Omroep", "language": written}]), encoding="utf-8")
    result = run_cli("import", str(path), "--base", str(empty_base), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["added"][0]["language"] == code
    exported = run_cli("export", "--base", str(empty_base), "--format", "biblatex").stdout
    assert {"en": "english", "de": "german", "nl": "dutch", "fr": "french", "pt-br": "portuguese"}[code] in exported


@pytest.mark.parametrize(("file_format", "suffix", "separator"), [
    ("biblatex", ".bib", "\n\n"), ("bibtex", ".bib", "\n\n"), ("ris", ".ris", "ER  - "), ("csl-json", ".json", None),
])
def test_persons_organisations_and_translations_survive_the_round_trip(
        run_cli: RunCli, mini_base: Path, empty_base: Path, tmp_path: Path, file_format: str, suffix: str,
        separator: str | None) -> None:
    edited = run_cli("edit-source", "gazete-ada", "--base", str(mini_base), "--author", "Anna van der Berg",
                     "--author", "Greenslade, Roy", "--author-org", "Press Association", "--published", "2020-10",
                     "--note", "read in print")
    assert edited.code == 0, edited.stderr
    exported = run_cli("export", "--base", str(mini_base), "--format", file_format).stdout
    path = tmp_path / f"all{suffix}"
    path.write_text(exported, encoding="utf-8")
    assert run_cli("import", str(path), "--base", str(empty_base)).code == 0
    again = run_cli("export", "--base", str(empty_base), "--format", file_format).stdout
    if separator is None:
        assert sorted(json.loads(again), key=lambda item: item["id"]) == sorted(json.loads(exported),
                                                                               key=lambda item: item["id"])
    else:
        assert entries(again, separator) == entries(exported, separator)
    gazete = load_base(empty_base).sources["gazete-ada"]
    assert [author.display() for author in gazete.names] == ["Anna van der Berg", "Roy Greenslade",
                                                             "Press Association"]

"""nc-facts ingest: sources from the footnotes, candidate facts from the sentences, a safe write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomllib

from nc_facts.dates import PartialDate
from nc_facts.ingest_sources import guess_language, parse_article_date

from conftest import ARTICLE, DATA, ROOT, RunCli

CANAL = DATA / "ingest" / "canal-article.md"
needs_seed = pytest.mark.skipif(not ARTICLE.exists(), reason="the seed article is not beside this checkout")


def _draft(run_cli: RunCli, article: Path, base: Path, *extra: str) -> dict[str, Any]:
    result = run_cli("ingest", str(article), "--base", str(base), "--json", *extra)
    assert result.code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def _by_quote(document: dict[str, Any], start: str) -> dict[str, Any]:
    found = [fact for fact in document["facts"] if fact["quote"].startswith(start)]
    assert len(found) == 1, [fact["quote"] for fact in document["facts"]]
    return found[0]


# --- a second article, on another subject ------------------------------------------------------------------------

def test_sources_of_the_canal_article(run_cli: RunCli, tmp_path: Path) -> None:
    document = _draft(run_cli, CANAL, tmp_path / "new")
    sources = [(s["source"]["footnotes"], s["source"]["outlet"], s["source"]["title"], s["source"]["accessed"],
                s["source"]["language"]) for s in document["sources"]]
    assert sources == [
        ([1], "Simon & Schuster", "The Path Between the Seas", "2025-03-03", "en"),
        ([2, 3, 6], "Encyclopaedia Britannica", "Panama Canal Treaties", "2025-03-03", "en"),
        ([4], "El País", "Panamá aprueba la ampliación del canal", "2025-03-04", "es"),
        ([5, 8], "BBC News", "Expanded Panama Canal opens", "2025-03-05", "en"),
        ([7], "Reuters", "Drought on the canal", "2025-03-06", "en"),
    ]
    assert document["sources"][0]["source"]["authors"] == [{"family": "McCullough", "given": "David"}]
    assert document["sources"][1]["repeats"] == [{"footnote": 3, "of": 2}, {"footnote": 6, "of": 2}]
    assert document["sources"][3]["repeats"] == []  # [8] is the same URL, not a repeat


def test_facts_of_the_canal_article_are_verbatim_and_footnoted(run_cli: RunCli, tmp_path: Path) -> None:
    document = _draft(run_cli, CANAL, tmp_path / "new")
    text = CANAL.read_text(encoding="utf-8")
    assert all(fact["quote"] in text for fact in document["facts"])
    placed = [(fact["paragraph"], fact["footnote"]) for fact in document["facts"]]
    assert placed == [(1, 1), (1, 1), (2, 2), (2, 3), (3, 4), (3, 5), (3, 8), (4, 6), (4, 7), (4, 7), (5, None)]
    opened = _by_quote(document, "The Panama Canal opened")
    assert opened["dates"] == [{"date": "1914-08", "precision": "month"}]
    assert opened["source"] == "simon-schuster-path-between-seas"
    vote = _by_quote(document, "In 2006, voters")
    assert vote["values"] == [{"value": 76.8, "unit": "percent", "measure": "yes share", "approximate": False,
                               "scope": None}]
    assert vote["kind"] == "statistic"
    cost = _by_quote(document, "The new locks")
    assert cost["values"] == [{"value": 5.25e9, "unit": "dollars", "measure": "dollars", "approximate": False,
                               "scope": None}]
    said = _by_quote(document, "The Panama Canal\nAuthority said")
    assert (said["kind"], said["claimant"]) == ("statement", "Panama Canal Authority")
    denied = _by_quote(document, "while shipping companies denied")
    assert (denied["kind"], denied["claimant"], denied["claim"]) == (
        "denial", "Shipping companies", "Shipping companies denied that they had diverted cargo to other routes.")
    unsourced = _by_quote(document, "The canal remains")
    assert (unsourced["sourced"], unsourced["source"]) == (False, None)
    assert "Isthmus of Panama" in _by_quote(document, "It links")["entities"]
    assert [v["value"] for v in _by_quote(document, "A drought in 2023")["values"]] == [24]


def test_opinions_are_left_out_and_listed_with_all(run_cli: RunCli, tmp_path: Path) -> None:
    plain = _draft(run_cli, CANAL, tmp_path / "new")
    assert "left_out" not in plain
    assert not any("should" in fact["quote"] for fact in plain["facts"])
    listed = _draft(run_cli, CANAL, tmp_path / "new", "--all")
    assert [(left["quote"], left["paragraph"]) for left in listed["left_out"]] == [
        ("Some analysts think the canal should build a new reservoir.", 5)]
    assert listed["counts"]["left_out"] == 1


def test_the_draft_document_follows_the_schema(run_cli: RunCli, tmp_path: Path,
                                               validate_json: Callable[[Any, str], None]) -> None:
    validate_json(_draft(run_cli, CANAL, tmp_path / "new", "--all"), "ingest")


# --- writing ---------------------------------------------------------------------------------------------------------

def test_nothing_is_written_without_write(run_cli: RunCli, tmp_path: Path) -> None:
    _draft(run_cli, CANAL, tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_write_makes_a_valid_base_and_a_second_run_adds_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    base = tmp_path / "new"
    first = _draft(run_cli, CANAL, base, "--write")
    assert (first["written"], first["counts"]["new_sources"], first["counts"]["new_facts"]) == (True, 5, 11)
    assert run_cli("validate", "--base", str(base)).code == 0
    listed = run_cli("list", "--base", str(base), "--json").json()
    assert [fact["id"] for fact in listed["facts"]] == [fact["id"] for fact in first["facts"]]
    facts_before = (base / "facts.toml").read_bytes()
    second = _draft(run_cli, CANAL, base, "--write")
    assert (second["counts"]["new_sources"], second["counts"]["new_facts"]) == (0, 0)
    assert [fact["id"] for fact in second["facts"]] == [fact["id"] for fact in first["facts"]]
    assert (base / "facts.toml").read_bytes() == facts_before


def test_written_source_keeps_its_footnotes_and_a_translation_to_do(run_cli: RunCli, tmp_path: Path) -> None:
    base = tmp_path / "new"
    document = _draft(run_cli, CANAL, base, "--write")
    sources = {s["key"]: s for s in tomllib.loads((base / "sources.toml").read_text(encoding="utf-8"))["source"]}
    assert sources["encyclopaedia-britannica-panama-canal-treaties"]["footnotes"] == [2, 3, 6]
    assert sources["el-pais-panama-aprueba-ampliacion"]["title_en"] == (
        "[to translate] Panamá aprueba la ampliación del canal")
    assert any("el-pais-panama-aprueba-ampliacion" in note for note in document["notes"])


def test_appending_to_a_base_reuses_its_sources(run_cli: RunCli, mini_base: Path) -> None:
    article = mini_base / "article.txt"
    existing = tomllib.loads((mini_base / "sources.toml").read_text(encoding="utf-8"))["source"][0]
    article.write_text(
        "The bridge opened in 1998 after four years of work.[1]\n"
        f"[1] “{existing['title']}”, {existing['outlet']}, {existing.get('url') or 'https://example.org/x'}, "
        "accessed 2025-01-02.\n",
        encoding="utf-8",
    )
    document = _draft(run_cli, article, mini_base, "--write")
    assert [(s["source"]["key"], s["new"]) for s in document["sources"]] == [(existing["key"], False)]
    assert document["facts"][0]["source"] == existing["key"]
    assert run_cli("validate", "--base", str(mini_base)).code == 0


def test_article_from_stdin(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    article = 'The tower was finished in 1889.[^1]\n\n[^1]: "Tower", Gazette, https://example.org/t, 2 May 2024\n'
    monkeypatch.setattr("sys.stdin", io.StringIO(article))
    document = _draft(run_cli, Path("-"), tmp_path / "new")
    assert [(f["quote"], f["footnote"], f["source"]) for f in document["facts"]] == [
        ("The tower was finished in 1889.", 1, "gazette-tower")]
    assert document["article"] == "-"


def test_a_missing_article_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("ingest", str(tmp_path / "nope.txt"), "--base", str(tmp_path / "b"))
    assert result.code == 2
    assert result.stderr == f"nc-facts: error: {tmp_path / 'nope.txt'}: no such file\n"


def test_ingest_needs_a_base(run_cli: RunCli) -> None:
    result = run_cli("ingest", str(CANAL))
    assert result.code == 2
    assert "needs --base DIR" in result.stderr


# --- the forms footnotes write ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("19.07.2025", PartialDate(2025, 7, 19)),
    ("19/07/2025", PartialDate(2025, 7, 19)),
    ("2025-07-19", PartialDate(2025, 7, 19)),
    ("19 July 2025", PartialDate(2025, 7, 19)),
    ("July 19, 2025", PartialDate(2025, 7, 19)),
    ("31.02.2025", None),
    ("1977", None),
])
def test_access_dates(text: str, expected: PartialDate | None) -> None:
    assert parse_article_date(text) == expected


@pytest.mark.parametrize(("title", "language"), [
    ("New Caledonia profile", "en"),
    ("Azerbaycan ve Fransa neden anlaşmazlık yaşıyor?", "tr"),
    ("Le Panama dit oui à l'agrandissement du canal", "fr"),
    ("Die Brücke ist fertig und offen", "de"),
    ("Varnargarðar kosta milljarða", "is"),
])
def test_language_of_a_title(title: str, language: str) -> None:
    assert guess_language(title) == language


# --- the seed article, against the hand-made bundled base -----------------------------------------------------------

def _matches(fact: dict[str, Any], proposal: dict[str, Any]) -> bool:
    """The proposal states the base fact's claim: same paragraph and footnote, one quote holding the other."""
    citations = fact.get("citations", [])
    footnote = citations[0].get("footnote") if citations else None
    return (proposal["paragraph"] == fact["paragraph"] and proposal["footnote"] == footnote
            and (fact["quote"] in proposal["quote"] or proposal["quote"] in fact["quote"]))


@needs_seed
def test_seed_article_sources(run_cli: RunCli, tmp_path: Path) -> None:
    document = _draft(run_cli, ARTICLE, tmp_path / "new")
    sources = [entry["source"] for entry in document["sources"]]
    assert [s["footnotes"] for s in sources] == [[1], [2], [3], [4], [5, 6], [7], [8]]
    assert {s["accessed"] for s in sources} == {"2025-07-19"}
    bundled = tomllib.loads((ROOT / "sources.toml").read_text(encoding="utf-8"))["source"]
    expected = {tuple(s["footnotes"]): (s["url"], s["language"]) for s in bundled if s.get("from_article")}
    assert {tuple(s["footnotes"]): (s["url"], s["language"]) for s in sources} == expected


@needs_seed
def test_seed_article_proposes_most_claims_of_the_bundled_base(run_cli: RunCli, tmp_path: Path) -> None:
    document = _draft(run_cli, ARTICLE, tmp_path / "new")
    text = ARTICLE.read_text(encoding="utf-8")
    assert all(proposal["quote"] in text for proposal in document["facts"])
    facts = tomllib.loads((ROOT / "facts.toml").read_text(encoding="utf-8"))["fact"]
    found = [fact for fact in facts if any(_matches(fact, proposal) for proposal in document["facts"])]
    assert len(found) / len(facts) >= 0.8, sorted({fact["quote"] for fact in facts} - {f["quote"] for f in found})


@needs_seed
def test_seed_article_on_the_bundled_base_reuses_every_source(run_cli: RunCli) -> None:
    document = _draft(run_cli, ARTICLE, ROOT)
    assert [entry["new"] for entry in document["sources"]] == [False] * 7
    assert document["written"] is False


def test_markers_before_the_full_stop_stay_out_of_the_quote(run_cli: RunCli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Turnout was 80% in 2018[1]. The vote was lost[^2][3], said the minister.\n"
                       '[1] "A poll", Herald, https://a.example/x, accessed 2025-01-01\n'
                       '[^2]: "The count", Courier, https://c.example/y\n[3] Ibid.\n', encoding="utf-8")
    document = _draft(run_cli, article, tmp_path / "new")
    assert [(f["quote"], f["footnote"], f["claim"]) for f in document["facts"]] == [
        ("Turnout was 80% in 2018", 1, "Turnout was 80% in 2018."),
        ("The vote was lost[^2][3], said the minister.", 2, "The vote was lost, said the minister."),
    ]
    assert [s["source"]["footnotes"] for s in document["sources"]] == [[1], [2, 3]]


def test_numbers_in_words_are_values_and_scale_words_join_their_figure(run_cli: RunCli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The island saw eight eruptions and spent 2 billion krónur on barriers.[1]\n"
                       '[1] "Eruptions", Gazette, https://g.example/e, accessed 12 March 2025\n', encoding="utf-8")
    document = _draft(run_cli, article, tmp_path / "new")
    assert [(v["value"], v["unit"]) for v in document["facts"][0]["values"]] == [(8, "eruptions"), (2e9, "krónur")]


def test_figures_take_the_names_of_the_units_the_base_declares(run_cli: RunCli, tmp_path: Path) -> None:
    base = tmp_path / "base"
    assert run_cli("init", str(base)).code == 0
    with (base / "facts.toml").open("a", encoding="utf-8") as facts:
        facts.write('\n[[unit]]\nname = "percent"\nsymbol = "%"\n\n[[unit]]\nname = "count"\naliases = ["votes"]\n')
    article = tmp_path / "article.txt"
    article.write_text("Of the voters, 56.7% said no, and 1,200 votes were spoilt.[1]\n\n"
                       "[1] BBC, “Island profile”, https://www.bbc.com/news/x, accessed 19 July 2025\n",
                       encoding="utf-8")
    document = _draft(run_cli, article, base, "--write")
    assert [(v["value"], v["unit"]) for v in document["facts"][0]["values"]] == [(56.7, "percent"),
                                                                            (1200, "count")]
    assert run_cli("validate", "--base", str(base)).code == 0

"""Citation exports for every source of the bundled base: CSL-JSON, BibLaTeX, BibTeX, RIS, Markdown, JSON."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts.citations.bibtex import to_bibtex_ascii
from nc_facts.citations.csl import csl_items, display_title
from nc_facts.citations.export import select_sources
from nc_facts.dates import PartialDate
from nc_facts.model import Source

from conftest import BUNDLED_BASE, DATA, RunCli, bundled_base

CITATIONS = DATA / "citations"
# The keys as sources.toml lists them, read without loading the base (parametrize needs them at collection).
KEYS = re.findall(r'^key = "([^"]+)"', (BUNDLED_BASE / "sources.toml").read_text(encoding="utf-8"), re.MULTILINE)
LANGID = {"en": "english", "tr": "turkish", "fr": "french"}


def sources() -> list[Source]:
    return select_sources(bundled_base())


def keys() -> list[str]:
    """The keys in the order exports give them."""
    return [source.key for source in sources()]


def by_key(key: str) -> Source:
    return bundled_base().sources[key]


def translated(source: Source) -> bool:
    return bool(source.title_en) and source.title_en != source.title


def test_the_base_has_both_kinds_of_sources_this_suite_relies_on() -> None:
    assert any(s.language == "tr" and s.title_en for s in sources())
    assert any(not s.from_article for s in sources())
    assert any(s.published and s.published.day for s in sources())


# ---- CSL-JSON ----

def export_csl(run_cli: RunCli, *args: str) -> list[dict[str, Any]]:
    run = run_cli("export", "--format", "csl-json", *args)
    assert run.code == 0, run.stderr
    items: list[dict[str, Any]] = json.loads(run.stdout)
    return items


def test_csl_json_is_valid_against_the_csl_data_schema(run_cli: RunCli) -> None:
    import jsonschema

    schema = json.loads((CITATIONS / "csl-data-1.0.2-subset.json").read_text(encoding="utf-8"))
    items = export_csl(run_cli)
    jsonschema.Draft7Validator(schema).validate(items)
    assert [item["id"] for item in items] == keys()


def test_csl_json_export_is_what_the_pandoc_expectations_were_made_from(run_cli: RunCli) -> None:
    stored = json.loads((CITATIONS / "bundled-base.csl.json").read_text(encoding="utf-8"))
    assert export_csl(run_cli) == stored, "the base changed: regenerate tests/data/citations (see its README)"


@pytest.mark.parametrize("key", KEYS)
def test_csl_item_carries_every_field_of_its_source(key: str) -> None:
    source = by_key(key)
    item = csl_items([source])[0]
    assert item["type"] == ("article-newspaper" if source.kind in {"news-article", "analysis", "news-page"}
                            else "webpage")
    assert item["container-title"] == source.outlet
    assert item["language"] == source.language
    assert item["title"].startswith(source.title)  # the original, word for word
    if translated(source):
        assert item["title"] == f"{source.title} [{source.title_en}]"
    else:
        assert item["title"] == source.title
    assert item.get("URL") == (source.url or None)
    accessed = [[source.accessed.year, source.accessed.month, source.accessed.day]] if source.accessed else None
    assert (item.get("accessed") or {}).get("date-parts") == accessed
    assert ("issued" in item) == bool(source.published)


def test_reference_pages_get_no_invented_access_date(run_cli: RunCli) -> None:
    items = {item["id"]: item for item in export_csl(run_cli)}
    reference_pages = [s for s in sources() if not s.from_article]
    assert reference_pages
    for source in reference_pages:
        assert "accessed" not in items[source.key]
    for source in sources():
        if source.from_article:
            assert items[source.key]["accessed"] == {"date-parts": [[2025, 7, 19]]}


def test_csl_json_names_what_it_cannot_hold_on_stderr(run_cli: RunCli) -> None:
    run = run_cli("export", "--format", "csl-json")
    noted = [s.key for s in sources() if s.note]
    assert noted
    assert "csl-json: cannot hold the curator's note" in run.stderr
    for key in noted:
        assert key in run.stderr


# ---- BibLaTeX ----

def parse_bib(text: str) -> Any:
    from pybtex.database import parse_string

    return parse_string(text, "bibtex")


def test_biblatex_parses_and_keeps_every_field() -> None:
    from nc_facts.citations.export import export

    database = parse_bib(export(sources(), "biblatex").text)
    assert list(database.entries) == keys()
    for source in sources():
        entry = database.entries[source.key]
        fields = entry.fields
        if source.kind in {"news-article", "analysis", "news-page"} and source.published:
            assert entry.type == "article"
            assert fields["entrysubtype"] == "newspaper"
            assert fields["journaltitle"] == source.outlet
        else:
            assert entry.type == "online"
            assert fields["organization"] == source.outlet
        # UTF-8 kept, Turkish stays Turkish; the translation bracketed after the title, as in CSL-JSON.
        assert fields["title"].replace("{", "").replace("}", "") == display_title(source)
        assert "titleaddon" not in fields
        assert fields.get("url") == (source.url or None)
        assert fields.get("urldate") == (source.accessed.iso() if source.accessed else None)
        assert fields.get("date") == (source.published.iso() if source.published else None)
        assert fields["langid"] == LANGID[source.language]


def test_biblatex_escapes_latex_specials() -> None:
    from nc_facts.citations.bibtex import biblatex_entry

    source = Source(key="x", outlet="A & B", title="50% of #1_s", language="en", kind="news-article",
                    from_article=False, published=PartialDate(2024))
    fields = parse_bib(biblatex_entry(source)).entries["x"].fields
    assert fields["title"] == r"50\% of \#1\_s"
    assert fields["journaltitle"] == r"A \& B"


# ---- plain BibTeX ----

def latex_to_text(value: str) -> str:
    import latexcodec  # noqa: F401  (registers the codec)

    text = codecs.decode(value.replace(r"\textquoteright", "’"), "ulatex")  # a command latexcodec lacks
    return same_quotes(text.replace("{", "").replace("}", ""))


def same_quotes(text: str) -> str:
    # TeX writes typographic quotes as ` ' `` ''; which curly form comes back is the decoder's choice.
    for old, new in (("``", '"'), ("''", '"'), ("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("`", "'")):
        text = text.replace(old, new)
    return text


def test_bibtex_is_ascii_parses_and_round_trips() -> None:
    from nc_facts.citations.export import export

    result = export(sources(), "bibtex")
    assert result.text.isascii()
    database = parse_bib(result.text)
    assert list(database.entries) == keys()
    for source in sources():
        fields = database.entries[source.key].fields
        assert latex_to_text(fields["title"]) == same_quotes(display_title(source))
        assert latex_to_text(fields["journal" if "journal" in fields else "howpublished"]) == same_quotes(source.outlet)
        assert fields.get("url") == (source.url or None)
        assert fields.get("urldate") == (source.accessed.iso() if source.accessed else None)
        assert "note" not in fields


def test_titles_keep_the_case_of_names_only() -> None:
    from nc_facts.citations.bibtex import protected_title

    def same(text: str) -> str:
        return text

    assert protected_title("New Caledonia profile", same) == "New {Caledonia} profile"
    assert protected_title("BBC guide to PNG votes", same) == "{BBC} guide to {PNG} votes"
    assert protected_title("2018 New Caledonian independence referendum", same) == (
        "2018 {New} {Caledonian} independence referendum")
    assert protected_title("Établir une paix  durable", same) == "Établir une paix  durable"  # spacing kept
    assert protected_title("1853 : la prise", same) == "1853 : {la} prise"
    assert protected_title("entre l'Arménie et", same) == "entre {l'Arménie} et"
    assert protected_title("1853: la prise", same) == "1853: {la} prise"  # a subtitle's first word as published


def test_bibtex_keeps_the_curly_apostrophe() -> None:
    unknown: set[str] = set()
    assert to_bibtex_ascii("Kaledonya’daki", unknown) == r"Kaledonya{\textquoteright}daki"


def test_bibtex_escapes_turkish_and_french_letters() -> None:
    unknown: set[str] = set()
    assert to_bibtex_ascii("Ajansı ağ ş İ é ç", unknown) == r"Ajans{\i} a{\u{g}} {\c{s}} {\.{I}} {\'{e}} {\c{c}}"
    assert unknown == set()
    assert to_bibtex_ascii("漢", unknown) == "漢"
    assert unknown == {"漢"}


def test_bibtex_names_the_lost_publication_day_on_stderr(run_cli: RunCli) -> None:
    run = run_cli("export", "--format", "bibtex")
    assert run.code == 0
    with_day = [s.key for s in sources() if s.published and s.published.day]
    assert "bibtex: cannot hold the day of a publication date" in run.stderr
    for key in with_day:
        assert key in run.stderr


# ---- RIS ----

def test_ris_parses_with_rispy_and_round_trips(run_cli: RunCli) -> None:
    import rispy

    run = run_cli("export", "--format", "ris")
    assert run.code == 0
    records = rispy.loads(run.stdout)
    assert [record["id"] for record in records] == keys()
    for source, record in zip(sources(), records, strict=True):
        assert record["type_of_reference"] == ("NEWS" if source.kind in {"news-article", "analysis", "news-page"}
                                               else "ELEC")
        assert record["title"] == source.title
        assert record.get("translated_title") == (source.title_en if translated(source) else None)
        assert record["secondary_title"] == source.outlet
        assert record["language"] == source.language
        assert record.get("urls") == ([source.url] if source.url else None)
        assert record.get("access_date") == (source.accessed.iso().replace("-", "/") + "/" if source.accessed
                                             else None)
        published = source.published
        assert record.get("date") == (f"{published.year:04d}/{published.month:02d}/{published.day:02d}/"
                                      if published else None)


def test_every_ris_record_ends_with_er(run_cli: RunCli) -> None:
    text = run_cli("export", "--format", "ris").stdout
    records = [chunk for chunk in text.split("\n\n") if chunk.strip()]
    assert len(records) == len(sources())
    for record in records:
        lines = record.strip("\n").split("\n")
        assert lines[0].startswith("TY  - ")
        assert lines[-1] == "ER  - "
        tags = {line[:2] for line in lines}
        assert {"TY", "ID", "TI", "T2", "LA", "ER"} <= tags


# ---- selection, Markdown, JSON ----

def test_export_of_chosen_facts_lists_only_their_sources(run_cli: RunCli) -> None:
    items = export_csl(run_cli, "--facts", "referendum-2020-turnout", "--facts", "darmanin-allegation-2024")
    expected = list(dict.fromkeys(c.source for fid in ("referendum-2020-turnout", "darmanin-allegation-2024")
                                  for c in bundled_base().get(fid).citations))  # type: ignore[union-attr]
    assert [item["id"] for item in items] == expected


def test_export_of_a_query_lists_the_sources_of_its_results(run_cli: RunCli) -> None:
    from nc_facts.search import search

    items = export_csl(run_cli, "--query", "darmanin")
    hits = search(bundled_base(), "darmanin", 20)
    expected = list(dict.fromkeys(c.source for hit in hits for c in hit.fact.citations))
    assert expected
    assert [item["id"] for item in items] == expected


def test_markdown_export_has_one_item_per_source(run_cli: RunCli) -> None:
    run = run_cli("export", "--format", "markdown")
    lines = run.stdout.splitlines()
    assert len(lines) == len(sources())
    assert all(line.startswith("- ") for line in lines)
    assert any("Fransız kolonisi Yeni Kaledonya’daki" in line and "[The quest for independence" in line
               for line in lines)


def test_json_export_is_the_documented_envelope(run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    document = run_cli("export", "--format", "json").json()
    validate_json(document, "export")
    assert [s["key"] for s in document["sources"]] == keys()
    assert document["csl"] == csl_items(sources())


def test_styled_export_in_html_and_markdown(run_cli: RunCli) -> None:
    html = run_cli("export", "--style", "apa", "--format", "html", "--facts", "referendum-2020-turnout").stdout
    assert html.startswith('<div class="csl-bib-body">')
    assert '<div class="csl-entry" id="ref-aa-yeni-kaledonya-bagimsizlik">' in html
    assert "<i>Anadolu Ajansı</i>" in html
    markdown = run_cli("export", "--style", "mla", "--format", "markdown", "--facts", "referendum-2020-turnout")
    assert markdown.stdout.startswith("- “Fransız kolonisi")
    assert "*Anadolu Ajansı*" in markdown.stdout


def test_unknown_style_and_format_are_one_line_errors(run_cli: RunCli) -> None:
    run = run_cli("export", "--style", "no-such-style")
    assert run.code == 2
    assert run.stderr.startswith("nc-facts: error: unknown citation style 'no-such-style'")
    assert run.stderr.count("\n") == 1
    run = run_cli("export", "--format", "endnote")
    assert run.code == 2
    assert "unknown export format 'endnote'" in run.stderr


def test_a_style_file_is_accepted(run_cli: RunCli) -> None:
    from nc_facts.citations.style import style_path

    path = style_path("apa")
    run = run_cli("export", "--style", str(path), "--facts", "referendum-2020-turnout")
    assert run.code == 0
    assert run.stdout.startswith("Fransız kolonisi Yeni Kaledonya’daki")


def test_a_style_that_leaves_out_the_access_date_says_so(run_cli: RunCli) -> None:
    run = run_cli("export", "--style", "apa")
    assert run.code == 0
    dated_and_accessed = [s.key for s in sources() if s.published and s.accessed]
    assert dated_and_accessed
    line = next(line for line in run.stderr.splitlines() if "leaves out the access date" in line)
    assert line.endswith("affected: " + ", ".join(dated_and_accessed))
    undated = next(s for s in sources() if s.accessed and not s.published)
    assert "Retrieved July 19, 2025, from" in next(p for p in run.stdout.split("\n\n") if undated.title in p)


@pytest.mark.parametrize("style", ["apa", "chicago", "mla"])
def test_a_style_that_wants_an_access_date_the_base_lacks_says_so(run_cli: RunCli, style: str) -> None:
    """Reference pages have no access date (none is known); every style here would print one for them.

    APA then prints "Retrieved" and the URL with no date, as its CSL does and citeproc-js prints
    (tests/test_citations_citeproc_js.py): the writer is told rather than given an invented date.
    """
    run = run_cli("export", "--style", style)
    assert run.code == 0
    unvisited = [s.key for s in sources() if s.url and not s.accessed]
    assert unvisited
    line = next(line for line in run.stderr.splitlines() if "wants an access date" in line)
    assert line == (f"nc-facts: {style}: wants an access date the base does not record (the entry is printed "
                    f"without it); affected: {', '.join(unvisited)}")


_NO_PARTS_STYLE = ('<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
                   'version="1.0"><info/></style>')


@pytest.mark.parametrize(("content", "args", "expected"), [
    ("not xml", ("export",), "nc-facts: error: cannot read CSL style broken.csl: Start tag expected, '<' not found, "
                             "line 1, column 1 (broken.csl, line 1)\n"),
    (_NO_PARTS_STYLE, ("export",), "nc-facts: error: CSL style broken has no <bibliography>: it cannot give one\n"),
    (_NO_PARTS_STYLE, ("cite", "big-founded-2023"),
     "nc-facts: error: CSL style broken has no <citation>: it cannot give one\n"),
])
def test_a_style_file_that_cannot_serve_is_one_line(content: str, args: tuple[str, ...], expected: str,
                                                   run_cli: RunCli, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.csl").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, "--style", "broken.csl")
    assert (result.code, result.stdout, result.stderr) == (2, "", expected)

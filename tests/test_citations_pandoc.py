"""Our CSL rendering against pandoc's citeproc: equal, except where pandoc departs from the style and citeproc-js.

citeproc-js is the reference (tests/test_citations_citeproc_js.py).  Pandoc's
output differs from it in a few entries, each listed in PANDOC_DIFFERS with
why we follow citeproc-js and the style's CSL; every other entry is equal.
Expected strings were rendered once by pandoc 2.17 from the same CSL-JSON
and the same .csl files, for the bundled base and the second one; the
commands are in tests/data/citations/make-pandoc.sh.
A second set of tests runs pandoc now, where it is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nc_facts import loader
from nc_facts.citations import citeproc_fixes
from nc_facts.citations.export import select_sources
from nc_facts.citations.style import StyleRenderer, render_bibliography, style_path
from nc_facts.model import Source

from conftest import DATA, bundled_base

CITATIONS = DATA / "citations"
STYLES = ("apa", "chicago-notes-bibliography", "modern-language-association")
# pandoc 2.17's built-in en-US locale predates the current one's short months.
OLD_SHORT_MONTHS = {"Jun.": "June", "Jul.": "July", "Sep.": "Sept."}


# Each base and the prefix of its pandoc files; the second base's sources are those of tests/data/second-declared.
BASES = {"bundled-base": "", "bougainville-catalonia": "bougainville-catalonia-"}


def sources(base_name: str = "bundled-base") -> list[Source]:
    if base_name == "bundled-base":
        return select_sources(bundled_base())
    return select_sources(loader.load_base(DATA / "second-declared"))


def current_locale(text: str) -> str:
    for old, new in OLD_SHORT_MONTHS.items():
        text = re.sub(rf"\b{re.escape(old)}", new, text)
    return text


def paragraphs(text: str) -> list[str]:
    return [current_locale(p.strip()) for p in text.split("\n\n") if p.strip()]


def pandoc_notes(text: str) -> list[str]:
    """The footnotes of pandoc's plain output ("[n] text"), or the in-text citations ("Note n.(...)")."""
    notes = re.findall(r"^\[\d+\] (.+)$", text, flags=re.M)
    if not notes:
        notes = re.findall(r"^Note \d+\.(.+)$", text, flags=re.M)
    return [current_locale(note) for note in notes]


def our_notes(style: str, base_name: str = "bundled-base") -> list[str]:
    renderer = StyleRenderer(sources(base_name), style)
    rendered = []
    for position in ("first", "subsequent"):
        for source in sources(base_name):
            with citeproc_fixes.position(position):
                rendered.append(renderer.cite([source.key]))
    return rendered


QUOTED_TITLE = ("Chicago's title macro quotes the title of an item inside a container (an article, a page of a "
                "site). The container stood in for the missing author; pandoc 2.17 then takes it as absent and "
                "italicises the title as a standalone work. CSL suppresses a substituted variable from the output, "
                "not from conditions, and citeproc-js keeps the quotation marks.")
CURLY_QUOTES = ("A curly quotation mark in a title is the data's own text: citeproc-js keeps ‘historic’ as written; "
                "pandoc turns the outermost into double ones.")
COMMA_AFTER_QUESTION = ("CSL's punctuation rules drop a full stop after a title's '?' but keep a comma "
                        "('Caledonia?,'), as citeproc-js prints; pandoc drops the comma too.")
FRENCH_SPACING = ("citeproc-js sets a French item's ':' after a narrow no-break space, as French typography does; "
                  "pandoc keeps the space as typed.")
CHICAGO_QUOTED = ("aa-fransa-guney-kafkasya", "aa-yeni-kaledonya-bagimsizlik", "euronews-tr-azerbaycan-fransa",
                  "euronews-azerbaijan-france-new-caledonia", "franceinfo-referendum-2018-5-choses",
                  "la1ere-prise-de-possession-1853", "rrb-nul-et-non-avenu", "guardian-new-caledonia-state-agreement")
NESTED_QUOTE_PUNCTUATION = ("The en-US locale's punctuation-in-quote moves a full stop or comma inside every closing "
                            "quotation mark before it (‘Groundless.’”), as citeproc-js prints; pandoc stops at the "
                            "outer one (‘Groundless’.”).")
SECOND_QUOTED = ("elpais-catalan-parliament-dissolved-2017", "islands-business-bougainville-anniversary",
                 "islands-business-bougainville-votes-2019", "regio7-resultats-oficials-2017",
                 "rnz-bougainville-turnout-2019", "rnz-era-kone-covenant-2022")
EURONEWS, LA1ERE = "euronews-azerbaijan-france-new-caledonia", "la1ere-prise-de-possession-1853"
THELOCAL = "thelocal-russia-meddling-groundless-2017"
# (style, where, source key): why our entry, citeproc-js's, is not pandoc's.
PANDOC_DIFFERS: dict[tuple[str, str, str], str] = {
    **{("chicago-notes-bibliography", where, key): QUOTED_TITLE
       for where in ("bibliography", "subsequent") for key in CHICAGO_QUOTED + SECOND_QUOTED},
    **{(style, "bibliography", THELOCAL): NESTED_QUOTE_PUNCTUATION
       for style in ("chicago-notes-bibliography", "modern-language-association")},
    **{("chicago-notes-bibliography", where, THELOCAL): NESTED_QUOTE_PUNCTUATION for where in ("first", "subsequent")},
    ("chicago-notes-bibliography", "first", EURONEWS): COMMA_AFTER_QUESTION,
    ("apa", "first", EURONEWS): COMMA_AFTER_QUESTION,
    ("apa", "subsequent", EURONEWS): COMMA_AFTER_QUESTION,
    ("apa", "bibliography", "guardian-new-caledonia-state-agreement"): CURLY_QUOTES,
    **{(style, where, LA1ERE): FRENCH_SPACING
       for style in ("apa", "modern-language-association", "chicago-notes-bibliography")
       for where in ("bibliography", "first", "subsequent") if (style, where) != ("chicago-notes-bibliography",
                                                                                  "bibliography")},
}


def pandoc_bibliography(style: str, base_name: str = "bundled-base") -> list[str]:
    path = CITATIONS / f"{BASES[base_name]}pandoc-bibliography-{style}.txt"
    return paragraphs(path.read_text(encoding="utf-8"))


def departures(style: str, keys: list[str], bibliography: bool) -> set[tuple[str, str]]:
    return {(where, key) for (s, where, key) in PANDOC_DIFFERS
            if s == style and key in keys and (where == "bibliography") == bibliography}


@pytest.mark.parametrize("base_name", BASES)
@pytest.mark.parametrize("style", STYLES)
def test_bibliography_equals_pandoc_but_where_pandoc_departs_from_the_style(style: str, base_name: str) -> None:
    expected = set(pandoc_bibliography(style, base_name))
    ours = render_bibliography(sources(base_name), style)
    assert len(ours) == len(sources(base_name)) == len(expected)
    differing = {("bibliography", entry.key) for entry in ours if entry.text not in expected}
    assert differing == departures(style, [source.key for source in sources(base_name)], bibliography=True)


def test_titles_that_start_with_a_number_sort_by_its_value() -> None:
    """citeproc-js collates numbers by value ("5", "24", "2018"); pandoc 2.17 by character ("2018", "24", "5")."""
    ours = [entry.text[:4] for entry in render_bibliography(sources(), "apa")][:6]
    assert ours == ["5 ch", "24 s", "2018", "2020", "2021", "2024"]
    assert [text[:4] for text in pandoc_bibliography("apa")][:6] == ["2018", "2020", "2021", "2024", "24 s", "5 ch"]


@pytest.mark.parametrize("base_name", BASES)
@pytest.mark.parametrize(("style", "expected_file"), [
    ("chicago-notes-bibliography", "pandoc-notes-chicago-notes-bibliography.txt"),
    ("apa", "pandoc-citations-apa.txt"),
    ("modern-language-association", "pandoc-citations-modern-language-association.txt"),
])
def test_full_and_short_notes_equal_pandoc_but_where_pandoc_departs(style: str, expected_file: str,
                                                                    base_name: str) -> None:
    expected = pandoc_notes((CITATIONS / f"{BASES[base_name]}{expected_file}").read_text(encoding="utf-8"))
    keys = [source.key for source in sources(base_name)]
    assert len(expected) == 2 * len(keys)
    places = [(where, key) for where in ("first", "subsequent") for key in keys]
    differing = {place for place, ours, theirs in zip(places, our_notes(style, base_name), expected, strict=True)
                 if ours != theirs}
    assert differing == departures(style, keys, bibliography=False)


def test_the_fixes_are_needed() -> None:
    """Without the post-processing, citeproc-py's text differs from citeproc-js's: the tests above can fail."""
    assert citeproc_fixes.finish("“Title”. Next", punctuation_in_quote=True) == "“Title.” Next"
    assert citeproc_fixes.finish("“Why?”, Euronews", punctuation_in_quote=True) == "“Why?,” Euronews"
    assert citeproc_fixes.finish("“Why?”. May", punctuation_in_quote=True) == "“Why?” May"
    assert citeproc_fixes.finish("*Why?*. May", punctuation_in_quote=True) == "*Why?* May"
    assert citeproc_fixes.finish("a ‘historic’ deal", punctuation_in_quote=True) == "a ‘historic’ deal"
    assert citeproc_fixes.finish("“as 'Groundless'”.", punctuation_in_quote=True) == "“as ‘Groundless.’”"
    assert citeproc_fixes.finish("as 'groundless'.", punctuation_in_quote=True) == "as “groundless.”"
    assert citeproc_fixes.finish("l'Arménie, Kaledonya’daki", punctuation_in_quote=False) == "l’Arménie, Kaledonya’daki"
    assert citeproc_fixes.finish("1853 : la", punctuation_in_quote=False, french=True) == "1853\u202f: la"
    assert citeproc_fixes.collation_key("“Établir") < citeproc_fixes.collation_key("Fransa")
    assert citeproc_fixes.collation_key("<i>Zu</i>") > citeproc_fixes.collation_key("B")
    assert citeproc_fixes.collation_key("5 choses") < citeproc_fixes.collation_key("24 septembre")


PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed; the stored expectations still run")


def run_pandoc(tmp_path: Path, markdown: str, style: str, base_name: str) -> subprocess.CompletedProcess[str]:
    from nc_facts.citations.csl import csl_items

    bibliography = tmp_path / "refs.json"
    bibliography.write_text(json.dumps(csl_items(sources(base_name)), ensure_ascii=False), encoding="utf-8")
    document = tmp_path / "doc.md"
    document.write_text(markdown, encoding="utf-8")
    command = [str(PANDOC), str(document), "--citeproc", "--bibliography", str(bibliography),
               "--csl", str(style_path(style)), "-t", "plain", "--wrap=none"]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)


@needs_pandoc
@pytest.mark.parametrize("base_name", BASES)
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_renders_our_csl_json_without_warnings_as_we_do(tmp_path: Path, style: str, base_name: str) -> None:
    """The installed pandoc may be newer than 2.17: it may agree where 2.17 departed, never depart elsewhere."""
    done = run_pandoc(tmp_path, "---\nnocite: '@*'\n---\n", style, base_name)
    assert done.stderr == ""
    theirs = set(paragraphs(done.stdout))
    ours = render_bibliography(sources(base_name), style)
    departing = {("bibliography", entry.key) for entry in ours if entry.text not in theirs}
    assert departing <= departures(style, [entry.key for entry in ours], bibliography=True)


def same_quote_kind(text: str) -> str:
    return text.translate(str.maketrans("‘’“”", "'" * 4))


ONLINE_HAS_NO_CONTAINER = (
    "biblatex's @online has no field for the site an online item is part of: its data model allows only "
    "'organization', which biblatex's styles print after the title and pandoc reads as the CSL publisher "
    "(an undated newspaper piece is @online too, since @article's date is mandatory and biblatex prints it "
    "as '()'). So pandoc reading the BibLaTeX export gives these items a publisher, not a container-title, "
    "and APA then takes the outlet for the author and MLA leaves the title unquoted. For pandoc, use the "
    "CSL-JSON export, which is what annotate --bibliography writes.")
PANDOC_ADDS = ("annote", "title-short")  # our note (CSL-JSON cannot hold it); a short title from a subtitle


def pandoc_reading_of_biblatex(item: dict[str, object], online: bool) -> dict[str, object]:
    """What pandoc should read back from our BibLaTeX entry for this CSL-JSON item."""
    expected = {field: value for field, value in item.items() if field != "title"}
    if online:
        expected["type"] = "webpage"
        expected["publisher"] = expected.pop("container-title")
    return expected


@needs_pandoc
def test_pandoc_reads_our_biblatex_as_the_csl_json_but_for_online_items() -> None:
    from nc_facts.citations.bibtex import biblatex_article
    from nc_facts.citations.csl import csl_items
    from nc_facts.citations.export import export

    done = subprocess.run([str(PANDOC), "-f", "biblatex", "-t", "csljson"], input=export(sources(), "biblatex").text,
                          capture_output=True, text=True, check=True, timeout=120)
    read = {item["id"]: item for item in json.loads(done.stdout)}
    online = {source.key for source in sources() if not biblatex_article(source)}
    assert online and online != {source.key for source in sources()}, ONLINE_HAS_NO_CONTAINER
    for item in csl_items(sources()):
        theirs = {field: value for field, value in read[item["id"]].items()
                  if field not in PANDOC_ADDS and field != "title"}
        theirs["language"] = str(theirs["language"]).split("-")[0]  # pandoc adds a region to a babel language
        assert theirs == pandoc_reading_of_biblatex(item, item["id"] in online), ONLINE_HAS_NO_CONTAINER


@needs_pandoc
@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_pandoc_reads_our_bibtex_titles_and_access_dates_as_the_csl_json_has_them(fmt: str) -> None:
    """Titles keep their case and translation, access dates survive (urldate), apostrophes stay curly."""
    from nc_facts.citations.csl import csl_items
    from nc_facts.citations.export import export

    done = subprocess.run([str(PANDOC), "-f", fmt, "-t", "csljson"], input=export(sources(), fmt).text,
                          capture_output=True, text=True, check=True, timeout=120)
    read = {item["id"]: item for item in json.loads(done.stdout)}
    for item in csl_items(sources()):
        # Pandoc makes outermost quotation marks double (CURLY_QUOTES) and apostrophes curly: compare the words.
        assert same_quote_kind(read[item["id"]]["title"]) == same_quote_kind(item["title"])
        assert read[item["id"]].get("accessed") == item.get("accessed")

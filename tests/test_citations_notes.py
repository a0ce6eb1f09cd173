"""nc-facts cite: citations per fact, numbered notes, shortened notes, and Ibid. where the style prints it.

Chicago 18 (the default), APA 7 and MLA 9 have no ibid: a note that repeats the
note just before it is the shortened note (or the in-text citation) again, as
citeproc-js and pandoc give it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from nc_facts import loader
from nc_facts.citations.notes import IBID, fact_source_keys, plan_positions

from conftest import RunCli

BASE = loader.load_base(None)
AA = "aa-yeni-kaledonya-bagimsizlik"
EURONEWS = "euronews-azerbaijan-france-new-caledonia"

AA_FULL = ("“Fransız kolonisi Yeni Kaledonya’daki bağımsızlık arayışları 17 bin kilometre uzaktan bastırılıyor "
           "[The quest for independence in the French colony of New Caledonia is being suppressed from 17,000 "
           "kilometres away],” Anadolu Ajansı, n.d., accessed July 19, 2025, https://www.aa.com.tr/tr/dunya/"
           "fransiz-kolonisi-yeni-kaledonyadaki-bagimsizlik-arayislari-17-bin-kilometre-uzaktan-bastiriliyor/3223313.")
# As citeproc-js gives them (tests/test_citations_citeproc_js.py): the title quoted, a comma kept after its "?".
AA_SHORT = ("Anadolu Ajansı, “Fransız kolonisi Yeni Kaledonya’daki bağımsızlık arayışları 17 bin kilometre uzaktan "
            "bastırılıyor [The quest for independence in the French colony of New Caledonia is being suppressed "
            "from 17,000 kilometres away].”")
EURONEWS_FULL = ("“How Is Azerbaijan Involved with France and New Caledonia?,” Euronews, May 19, 2024, "
                 "https://www.euronews.com/my-europe/2024/05/19/how-is-azerbaijan-involved-with-france-and-new-"
                 "caledonia.")


def test_the_facts_used_here_cite_what_the_tests_expect() -> None:
    assert fact_source_keys(BASE.get("referendum-2020-turnout")) == (AA,)  # type: ignore[arg-type]
    assert fact_source_keys(BASE.get("referendum-2021-turnout")) == (AA,)  # type: ignore[arg-type]
    assert fact_source_keys(BASE.get("darmanin-allegation-2024")) == (EURONEWS,)  # type: ignore[arg-type]
    assert fact_source_keys(BASE.get("azerbaijani-flags-at-protests")) == ()  # type: ignore[arg-type]


def test_numbered_notes_full_short_ibid_and_unsourced(run_cli: RunCli,
                                                      validate_json: Callable[[Any, str], None]) -> None:
    run = run_cli("cite", "referendum-2020-turnout", "darmanin-allegation-2024", "azerbaijani-flags-at-protests",
                  "referendum-2020-turnout", "referendum-2021-turnout", "--notes", "--json")
    assert run.code == 0
    document = run.json()
    validate_json(document, "cite")
    assert document["style"] == "chicago-notes-bibliography"
    assert [(n["number"], n["position"], n["text"]) for n in document["notes"]] == [
        (1, "first", AA_FULL),
        (2, "first", EURONEWS_FULL),
        (3, "unsourced", "Unsourced: the fact base gives no source for this claim."),
        (4, "subsequent", AA_SHORT),  # not Ibid.: note 3 cited nothing
        (5, "ibid", AA_SHORT),  # Chicago 18 has no Ibid.: the shortened note again
    ]
    assert [entry["key"] for entry in document["bibliography"]] == [AA, EURONEWS]
    assert [entry["id"] for entry in document["entries"]] == [AA, EURONEWS]
    assert "azerbaijani-flags-at-protests: the base gives no source" in run.stderr


def test_without_notes_every_citation_is_given_in_full(run_cli: RunCli) -> None:
    document = run_cli("cite", "referendum-2020-turnout", "referendum-2020-turnout", "--json").json()
    assert document["numbered"] is False
    assert [n["text"] for n in document["notes"]] == [AA_FULL, AA_FULL]


def test_markdown_footnotes(run_cli: RunCli) -> None:
    run = run_cli("cite", "referendum-2020-turnout", "referendum-2021-turnout", "darmanin-allegation-2024",
                  "--notes", "--format", "markdown")
    assert run.code == 0
    aa_markdown = AA_FULL.replace(" Anadolu Ajansı,", " *Anadolu Ajansı*,")  # the outlet in italics
    euronews_markdown = EURONEWS_FULL.replace(" Euronews,", " *Euronews*,")
    aa_short = run_cli("cite", "referendum-2020-turnout", "referendum-2021-turnout", "--notes",
                       "--format", "markdown").stdout.splitlines()[1]
    assert run.stdout.splitlines()[:4] == [f"[^1]: {aa_markdown}", aa_short, f"[^3]: {euronews_markdown}", ""]
    assert aa_short.startswith("[^2]: *Anadolu Ajansı*, ")
    assert "## Bibliography" in run.stdout


def test_apa_notes_use_the_styles_in_text_citation(run_cli: RunCli) -> None:
    document = run_cli("cite", "darmanin-allegation-2024", "--notes", "--style", "apa", "--json").json()
    assert document["notes"][0]["text"] == "(“How Is Azerbaijan Involved with France and New Caledonia?,” 2024)"
    assert document["bibliography"][0]["text"].startswith(
        "How is Azerbaijan involved with France and New Caledonia? (2024, May 19). Euronews.")


def test_human_view_numbers_the_notes(run_cli: RunCli) -> None:
    run = run_cli("cite", "referendum-2020-turnout", "referendum-2021-turnout", "--notes", "--no-color")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == f"1. {AA_FULL}"
    assert lines[1] == f"2. {AA_SHORT}"
    assert "Bibliography" in lines


def test_unknown_fact_is_a_one_line_error(run_cli: RunCli) -> None:
    run = run_cli("cite", "referendum-2020-turnot")
    assert run.code == 2
    assert run.stderr.startswith("nc-facts: error: no fact with id 'referendum-2020-turnot'")


keys = st.lists(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True).map(tuple), max_size=12)


@given(keys)
def test_ibid_only_repeats_the_single_source_of_the_note_just_before(notes: list[tuple[str, ...]]) -> None:
    positions = plan_positions(notes)
    seen: set[str] = set()
    for index, (sources, position) in enumerate(zip(notes, positions, strict=True)):
        previous = notes[index - 1] if index else None
        if position == "ibid":
            assert len(sources) == 1 and previous == sources
        elif position == "unsourced":
            assert sources == ()
        elif position == "first":
            assert not all(key in seen for key in sources)
        else:
            assert all(key in seen for key in sources) and not (len(sources) == 1 and previous == sources)
        if len(sources) == 1 and previous == sources:
            assert position == "ibid"
        seen.update(sources)


def test_html_notes_are_an_ordered_list(run_cli: RunCli) -> None:
    run = run_cli("cite", "referendum-2020-turnout", "referendum-2021-turnout", "--notes", "--format", "html")
    assert run.code == 0
    assert run.stdout.startswith('<ol class="notes">\n  <li id="note-1" data-fact="referendum-2020-turnout">“Fransız')
    assert '<li id="note-2" data-fact="referendum-2021-turnout"><i>Anadolu Ajansı</i>, ' in run.stdout
    assert '<div class="csl-entry" id="ref-aa-yeni-kaledonya-bagimsizlik"><i>Anadolu Ajansı</i>.' in run.stdout


def test_a_style_that_prints_ibid_gets_it(run_cli: RunCli) -> None:
    document = run_cli("cite", "referendum-2020-turnout", "referendum-2021-turnout", "darmanin-allegation-2024",
                       "referendum-2020-turnout", "--notes", "--style", "chicago-notes-bibliography-subsequent-ibid",
                       "--json").json()
    assert [(n["position"], n["text"]) for n in document["notes"]] == [
        ("first", AA_FULL), ("ibid", IBID), ("first", EURONEWS_FULL), ("subsequent", AA_SHORT)]


def test_apa_and_mla_repeat_the_in_text_citation(run_cli: RunCli) -> None:
    for style, citation in (("apa", "(“How Is Azerbaijan Involved with France and New Caledonia?,” 2024)"),
                            ("mla", "(“How Is Azerbaijan Involved with France and New Caledonia?”)")):
        document = run_cli("cite", "darmanin-allegation-2024", "darmanin-allegation-2024", "--notes", "--style",
                           style, "--json").json()
        assert [n["text"] for n in document["notes"]] == [citation, citation]


def test_unknown_text_format_is_a_usage_error(run_cli: RunCli) -> None:
    run = run_cli("cite", "referendum-2020-turnout", "--format", "pdf")
    assert run.code == 2
    assert "unknown text format 'pdf'" in run.stderr

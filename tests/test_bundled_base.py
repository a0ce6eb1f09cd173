"""The bundled base is faithful to the article it is built from."""

from __future__ import annotations

import re

import pytest

from nc_facts import load_base
from nc_facts.model import Base

from conftest import ARTICLE


@pytest.fixture(scope="module")
def base() -> Base:
    return load_base()


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip("the seed article (shared/seed/new-caledonia-article.txt beside the project) is not here")
    return ARTICLE.read_text(encoding="utf-8")


def test_every_quote_occurs_verbatim_in_its_paragraph(base: Base, article: str) -> None:
    paragraphs = article.splitlines()
    for fact in base:
        if not fact.quote:
            continue
        assert fact.quote in article, fact.id
        assert fact.paragraph is not None, fact.id
        assert fact.quote in paragraphs[fact.paragraph - 1], fact.id


def test_every_footnote_of_the_article_is_used(base: Base, article: str) -> None:
    in_article = {int(n) for n in re.findall(r"^\[(\d+)\]", article, flags=re.MULTILINE)}
    cited = {c.footnote for fact in base for c in fact.citations}
    assert in_article == set(range(1, 9))
    assert cited == in_article


def test_ibid_footnote_is_the_source_of_the_footnote_before_it(base: Base) -> None:
    five = [s for s in base.sources.values() if 5 in s.footnotes]
    six = [s for s in base.sources.values() if 6 in s.footnotes]
    assert five == six and len(five) == 1
    assert len([s for s in base.sources.values() if s.from_article]) == 7


def test_every_source_is_cited_by_some_fact(base: Base) -> None:
    used = {c.source for fact in base for c in fact.citations}
    used |= {c.source for fact in base for c in fact.caveats if c.source}
    used |= {b.source for fact in base for b in fact.better_values}
    assert used == set(base.sources)


def test_citations_match_the_footnote_of_their_paragraph(base: Base, article: str) -> None:
    paragraphs = article.splitlines()
    for fact in base:
        for citation in fact.citations:
            assert fact.paragraph is not None
            text = paragraphs[fact.paragraph - 1]
            assert f"[{citation.footnote}]" in text, (fact.id, citation)


def test_reference_pages_have_no_invented_access_date(base: Base) -> None:
    for source in base.sources.values():
        if not source.from_article:
            assert source.accessed is None, source.key
            assert source.footnotes == ()
        else:
            assert source.accessed is not None and source.accessed.iso() == "2025-07-19"


def test_turkish_titles_stay_turkish_with_a_translation(base: Base) -> None:
    turkish = [s for s in base.sources.values() if s.language == "tr"]
    assert {s.outlet for s in turkish} == {"Anadolu Ajansı", "Euronews"}
    for source in turkish:
        assert source.title_en
        assert re.search(r"[ğışçöüİ]", source.title), source.title


def test_derived_shares_complete_the_article_figures(base: Base) -> None:
    yes_2020 = base.get("referendum-2020-yes-share")
    assert yes_2020 is not None and yes_2020.derived
    assert yes_2020.derived_from == ("referendum-2020-no-share",)
    assert [v.value for v in yes_2020.values if v.unit == "percent"] == [46.74]


def test_verification_findings_are_carried_as_caveats(base: Base) -> None:
    kanak = base.get("kanak-origin")
    assert kanak is not None
    assert [c.severity for c in kanak.caveats] == ["wrong"]
    assert "Melanesian" in kanak.caveats[0].text
    turnout = base.get("referendum-2020-turnout")
    assert turnout is not None
    assert [b.value for b in turnout.better_values] == [85.69]
    assert turnout.values[0].value == 85.64


def test_unsourced_paragraphs_give_unsourced_facts(base: Base) -> None:
    unsourced = {fact.paragraph for fact in base if not fact.sourced}
    # Paragraphs 2 and 4 and the three closing paragraphs carry no footnote.
    assert {2, 4, 11, 12, 13} <= unsourced
    assert all(not fact.sourced for fact in base if fact.paragraph in {2, 4, 11, 12, 13})


def test_size_of_the_base(base: Base) -> None:
    assert 60 <= len(base) <= 90


def test_entities_are_declared_once_with_their_other_names(base: Base) -> None:
    caledonia = base.entity("new-caledonia")
    assert caledonia is not None
    assert {"Nouvelle-Calédonie", "Kanaky", "Yeni Kaledonya"} <= set(caledonia.aliases)
    assert [e.id for e in base.entities if e.part_of == "new-caledonia"] == [
        "northern-province", "southern-province", "loyalty-islands"]
    for capital, country in (("paris", "france"), ("baku", "azerbaijan"), ("yerevan", "armenia")):
        city, state = base.entity(capital), base.entity(country)
        assert city is not None and state is not None and city.part_of == country
        assert city.name not in state.names
    darmanin = base.entity("gerald-darmanin")
    assert darmanin is not None and "French Interior Minister" in darmanin.aliases


def test_no_fact_repeats_a_declared_name_of_what_it_names(base: Base) -> None:
    from nc_facts.entity_names import EntityNames, name_key

    names = EntityNames(base.entities)
    for fact in base:
        declared = {name_key(n) for e in map(names.named, fact.entities) if e is not None for n in e.names}
        assert not declared & {name_key(alias) for alias in fact.aliases}, fact.id


def test_the_referendums_are_events_with_their_ordinals(base: Base) -> None:
    events = [e for e in base.entities if e.series == "independence referendum"]
    assert [(e.id, e.ordinal, e.dates[0].iso()) for e in events] == [
        ("referendum-2018", 1, "2018-11-04"), ("referendum-2020", 2, "2020-10-04"),
        ("referendum-2021", 3, "2021-12-12")]
    assert {fact.event for fact in base if fact.event} == {e.id for e in events}
    yes, no = base.measure("yes share"), base.measure("no share")
    assert yes is not None and no is not None and (yes.complement, no.complement) == ("no share", "yes share")
    assert {v.measure for fact in base for v in (*fact.values, *fact.better_values)} <= {m.name for m in base.measures}

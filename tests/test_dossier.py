"""A dossier base that declares its entities and measures: validation of the declared sets, quotes from its
sources, and how the output words a base that is not one article's."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nc_facts
from nc_facts import BaseInvalidError, load_base
from nc_facts.provenance import Quote, base_is_article, fact_quotes

from conftest import DATA, ROOT, RunCli

DECLARED = DATA / "second-declared"
CLAUDIO_QUOTE = ("We think the use of provisional and postal voting, both firsts for PNG, were effective ways to add "
                 "to the inclusivity of the vote.")


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DECLARED, tmp_path / "dossier"))


def edited(base: Path, old: str, new: str, count: int = 1) -> Path:
    facts = base / "facts.toml"
    text = facts.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    facts.write_text(text.replace(old, new, count), encoding="utf-8")
    return base


def problems(base: Path) -> list[str]:
    with pytest.raises(BaseInvalidError) as caught:
        load_base(base)
    return [str(problem).replace(str(base) + "/", "") for problem in caught.value.problems]


def test_the_declared_copy_loads_with_its_entities_measures_and_scopes() -> None:
    base = load_base(DECLARED)
    assert (len(base.entities), len(base.measures)) == (29, 33)
    catalonia, event = base.entity("catalonia"), base.entity("bougainville-referendum-2019")
    assert catalonia is not None and (catalonia.part_of, catalonia.names[:2]) == ("spain", ("Catalonia", "Catalunya"))
    assert event is not None and (event.kind, event.ordinal, [d.iso() for d in event.dates]) == (
        "event", 1, ["2019-11-23", "2019-12-07"])
    yes = base.measure("yes share")
    assert yes is not None and (yes.unit, yes.complement) == ("percent", "no share")
    senate = base.get("senate-article-155-2017")
    assert senate is not None and [(v.measure, v.scope) for v in senate.values] == [
        ("votes for", "senate-of-spain"), ("votes against", "senate-of-spain"), ("abstentions", "senate-of-spain")]


def test_two_bodies_votes_in_one_event_clash_without_their_scopes(dossier: Path) -> None:
    edited(dossier, 'scope = "senate-of-spain"\n', "", count=3)
    assert load_base(dossier).get("senate-article-155-2017") is not None  # the Senate's votes against the Parliament's
    edited(dossier, 'scope = "parliament-of-catalonia"\n', "", count=3)
    assert problems(dossier) == [
        "facts.toml:1165, id 'senate-article-155-2017', field 'values[0]': a second votes for of "
        "catalan-declaration-2017: 214, but fact 'catalan-parliament-declaration-2017' gives 70",
        "facts.toml:1170, id 'senate-article-155-2017', field 'values[1]': a second votes against of "
        "catalan-declaration-2017: 47, but fact 'catalan-parliament-declaration-2017' gives 10",
        "facts.toml:1175, id 'senate-article-155-2017', field 'values[2]': a second abstentions of "
        "catalan-declaration-2017: 1, but fact 'catalan-parliament-declaration-2017' gives 2",
    ]


def test_declared_complements_must_add_up(dossier: Path) -> None:
    edited(dossier, "value = 7.99\n", "value = 8.99\n")
    assert problems(dossier) == [
        "facts.toml:883, id 'catalonia-2017-yes-share', field 'values': yes (92.01) and no (8.99) shares of "
        "catalan-referendum-2017 add up to 101, not 100"]


def test_a_measure_the_base_does_not_declare_is_refused(dossier: Path) -> None:
    edited(dossier, 'measure = "valid votes"', 'measure = "valid ballots"')
    assert problems(dossier) == [
        "facts.toml:550, id 'bougainville-2019-valid-votes', field 'values[0].measure': 'valid ballots' is not a "
        "declared measure"]


def test_a_name_two_entities_share_is_refused(dossier: Path) -> None:
    edited(dossier, 'aliases = ["España", "Spanish"]', 'aliases = ["España", "Spanish", "Catalunya"]')
    assert problems(dossier) == [
        "facts.toml:59, entity id 'catalonia', field 'aliases': the name 'Catalunya' already names entity 'spain'"]


def test_a_dossier_is_not_an_article_and_its_quotes_belong_to_their_sources() -> None:
    dossier, bundled = load_base(DECLARED), load_base(ROOT)
    assert (base_is_article(dossier), base_is_article(bundled)) == (False, True)
    claudio, no_share = dossier.get("claudio-record-turnout"), bundled.get("referendum-2018-no-share")
    assert claudio is not None and no_share is not None
    assert fact_quotes(claudio) == [Quote("rnz-bougainville-turnout-2019", CLAUDIO_QUOTE, "")]
    assert (nc_facts.fact_quotes, nc_facts.base_is_article, nc_facts.Quote) == (fact_quotes, base_is_article, Quote)
    assert fact_quotes(no_share) == [Quote(None, "Of the voters, 56.7% said ‘no’ to independence from France.",
                                           "paragraph 3")]


def test_show_gives_a_citations_quote_and_says_the_base_is_a_dossier(
        run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    run = run_cli("show", "claudio-record-turnout", "--base", str(DECLARED), "--json")
    assert run.code == 0
    validate_json(run.json(), "fact")
    assert run.json()["article"] is False
    assert [(c["source"], c["quote"], c["locator"]) for c in run.json()["fact"]["citations"]] == [
        ("rnz-bougainville-turnout-2019", CLAUDIO_QUOTE, None)]
    human = [line.strip() for line in run_cli("show", "claudio-record-turnout", "--base", str(DECLARED)).stdout
             .splitlines()]
    cited = human.index("[ref] RNZ, “Bougainville referendum voter turnout record high for PNG”, 2019-12-19, "
                        "https://www.rnz.co.nz/international/pacific-news/405859/bougainville-referendum-voter-"
                        "turnout-record-high-for-png")
    assert human[cited + 1] == f"“{CLAUDIO_QUOTE}”"


def test_search_from_the_index_keeps_scopes_and_quotes(run_cli: RunCli,
                                                       validate_json: Callable[[Any, str], None]) -> None:
    for _ in range(2):  # built, then read from the index file
        run = run_cli("search", "senate article 155", "--base", str(DECLARED), "--limit", "1", "--json")
        validate_json(run.json(), "search")
        first = run.json()["results"][0]
        assert (run.json()["article"], first["id"]) == (False, "senate-article-155-2017")
        assert [v["scope"] for v in first["values"]] == ["senate-of-spain"] * 3
        quoted = run_cli("search", "provisional postal voting", "--base", str(DECLARED), "--limit", "1", "--json")
        assert [(r["id"], r["citations"][0]["quote"]) for r in quoted.json()["results"]] == [
            ("claudio-record-turnout", CLAUDIO_QUOTE)]


def test_an_unsourced_claim_of_a_dossier_is_not_said_to_be_the_articles(dossier: Path, run_cli: RunCli) -> None:
    edited(dossier, '[[fact.citations]]\nsource = "wikipedia-2017-catalan-referendum"\n\n[[fact]]\n'
                    'id = "catalonia-2017-question"', '[[fact]]\nid = "catalonia-2017-question"')
    shown = run_cli("show", "catalonia-2017-held", "--base", str(dossier)).stdout
    assert "UNSOURCED: the base gives no source for this claim." in shown
    sources = run_cli("sources", "--base", str(dossier))
    assert sources.code == 0 and "beside the article" not in sources.stdout
    assert run_cli("sources", "--base", str(dossier), "--json").json()["article"] is False


def test_the_schema_holds_the_new_keys_and_refuses_a_blank_quote(
        run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    import jsonschema

    sources = run_cli("sources", "--base", str(DECLARED), "--json").json()
    validate_json(sources, "sources")
    document = run_cli("show", "senate-article-155-2017", "--base", str(DECLARED), "--json").json()
    validate_json(document, "fact")
    blank = {**document, "fact": {**document["fact"], "citations": [
        {**document["fact"]["citations"][0], "quote": ""}]}}
    unscoped = {**document, "fact": {**document["fact"], "values": [
        {key: value for key, value in document["fact"]["values"][0].items() if key != "scope"}]}}
    for wrong in (blank, unscoped, {key: value for key, value in document.items() if key != "article"}):
        with pytest.raises(jsonschema.ValidationError):
            validate_json(wrong, "fact")

"""Search on any base's vocabulary: common words, words nothing holds, precision of numbers, names, kin words.

Each rule is tried on a few facts written inline, with names no bundled base uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base, ranking
from nc_facts.dates import PartialDate
from nc_facts.model import Base, Citation, Entity, Fact, Source, Value
from nc_facts.search import SearchIndex, find, search
from nc_facts.text import initials, rounded_terms

from conftest import DATA, RunCli

ENCYCLOPEDIA = Source(key="encyclopedia", outlet="Encyclopedia", title="2031 Northmark independence referendum",
                      language="en", kind="encyclopedia", from_article=False)


def fact(fact_id: str, claim: str, *values: tuple[float, str], entities: tuple[str, ...] = (),
         dates: tuple[PartialDate, ...] = (PartialDate(2031),), unit: str = "percent") -> Fact:
    return Fact(id=fact_id, claim=claim, kind="statistic" if values else "event", dates=dates, entities=entities,
                values=tuple(Value(value, unit, measure) for value, measure in values),
                citations=(Citation("encyclopedia"),))


def base_of(*facts: Fact) -> Base:
    return Base(directory=Path("inline"), facts=facts, sources={"encyclopedia": ENCYCLOPEDIA})


def top_ids(base: Base, query: str, n: int = 1) -> list[str]:
    return [hit.fact.id for hit in search(base, query, limit=n)]


NORTHMARK = base_of(
    fact("held", "The Northmark independence referendum was held on 18 March 2031.",
         dates=(PartialDate(2031, 3, 18),)),
    fact("yes-share", "In the 2031 referendum, 44.7 % voted yes.", (44.7, "yes share")),
    fact("no-share", "In the 2031 referendum, 55.3 % voted no.", (55.3, "no share")),
    fact("turnout", "Turnout in the 2031 referendum was 84.59 %.", (84.59, "turnout")),
    fact("capital-yes", "The capital voted yes by 53.5 %.", (53.5, "yes share")),
)


def test_words_every_source_title_holds_do_not_count_as_common() -> None:
    index = SearchIndex.for_base(NORTHMARK)
    assert index.frequency("northmark") == 5  # every fact cites the encyclopedia's page
    assert index.document_frequency("northmark") == 1  # but only one says it
    assert index.document_frequency("referendum") == 4


def test_a_misspelt_query_of_common_words_and_a_word_nothing_holds_finds_the_fact() -> None:
    found = find(NORTHMARK, "northmak independance refrendum date", limit=3)
    assert [hit.fact.id for hit in found.hits][:1] == ["held"]
    assert found.unmatched == ()  # "date" meets the fact's date, known to the day


def test_a_word_nothing_holds_is_reported_and_the_rest_ranks() -> None:
    found = find(NORTHMARK, "turnout zorblat", limit=3)
    assert [hit.fact.id for hit in found.hits] == ["turnout"]
    assert found.hits[0].matched == ("turnout",)
    assert found.unmatched == ("zorblat",)


def test_a_query_mostly_of_words_nothing_holds_finds_nothing() -> None:
    found = find(NORTHMARK, "zorblat quixotry turnout", limit=3)
    assert found.hits == []
    assert found.unmatched == ("zorblat", "quixotri")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("84.6", "turnout"),  # one decimal meets two
        ("85 turnout", "turnout"),  # rounded, not truncated: 84.59 is 85
        ("54 yes", "capital-yes"),  # 53.5 rounds half up
        ("53 yes", None),  # and so is not 53: a figure nothing holds is a question the base cannot answer
        ("44.7", "yes-share"),
    ],
)
def test_numbers_match_at_the_query_precision(query: str, expected: str | None) -> None:
    hits = search(NORTHMARK, query, limit=1)
    assert [hit.fact.id for hit in hits] == ([expected] if expected else [])


def test_a_whole_number_prefers_the_value_it_rounds_from() -> None:
    both = base_of(fact("region-leave", "The north voted to leave by 52.5 %.", (52.5, "leave share")),
                   fact("leave", "Leave won with 51.89 % of the vote.", (51.89, "leave share")))
    assert top_ids(both, "52% leave") == ["leave"]
    assert top_ids(both, "51.9") == ["leave"]
    assert top_ids(both, "53 leave") == ["region-leave"]


def test_counts_are_found_in_millions_too() -> None:
    counts = base_of(fact("leave-votes", "17,410,742 people voted to leave.", (17410742, "leave votes"), unit="count"),
                     fact("remain-votes", "16,141,241 people voted to remain.", (16141241, "remain votes"),
                          unit="count"),
                     fact("registered", "46,500,001 people were registered.", (46500001, "electorate"), unit="count"))
    assert top_ids(counts, "17.4 million") == ["leave-votes"]
    assert top_ids(counts, "16 million voters") == ["remain-votes"]
    assert top_ids(counts, "46.5 million") == ["registered"]
    assert find(counts, "17.4 million").unmatched == ()


def test_rounded_terms_round_half_up_at_each_precision() -> None:
    assert rounded_terms("51.89") == [("51.9", 1), ("52", 0)]
    assert rounded_terms("52.5") == [("53", 0)]
    assert rounded_terms("9.96") == [("10.0", 1), ("10", 0)]
    assert rounded_terms("96") == []


def test_acronyms_meet_the_names_they_stand_for() -> None:
    union = base_of(fact("joined", "Membership of the union was put to a vote.", entities=("Eastern Union",)),
                    fact("left", "The kingdom left in 2033.", entities=("Northern Kingdom",)),
                    fact("commission", "The count was run by a commission.",
                         entities=("Office of Referendum Counting",)))
    assert top_ids(union, "EU membership") == ["joined"]
    assert top_ids(union, "NK") == ["left"]
    assert top_ids(union, "ORC count") == ["commission"]
    assert initials("Papua New Guinea") == ["png"]
    assert initials("Autonomous Region of Bougainville") == ["arob", "arb"]
    assert initials("Scotland") == []


def test_names_of_places_meet_their_peoples_and_languages() -> None:
    places = base_of(fact("scotland", "Turnout in Scotland was 84.59 %.", (84.59, "turnout")),
                     fact("wales", "Turnout in Wales was 50.1 %.", (50.1, "turnout")),
                     fact("catalonia", "Catalonia held a referendum.", entities=("Catalonia",)),
                     fact("bougainville", "Bougainville voted for independence."))
    assert top_ids(places, "Scottish turnout") == ["scotland"]
    assert top_ids(places, "Scots turnout") == ["scotland"]
    assert top_ids(places, "Catalan referendum") == ["catalonia"]
    assert top_ids(places, "Bougainvilleans independence") == ["bougainville"]


@pytest.mark.parametrize(
    ("one", "other", "kin"),
    [("scottish", "scotland", True), ("catalan", "catalonia", True), ("bougainvillean", "bougainvill", True),
     ("scot", "scottish", True), ("referendum", "reform", False), ("turnout", "turkey", False),
     ("nation", "nationalist", False)],
)
def test_kin_words_share_a_long_start_and_short_endings(one: str, other: str, kin: bool) -> None:
    assert ranking.is_kin(one, other) is kin
    assert ranking.is_kin(other, one) is kin


def test_a_three_letter_word_nothing_holds_meets_words_it_starts() -> None:
    found = find(NORTHMARK, "ref turnout", limit=1)
    assert [hit.fact.id for hit in found.hits] == ["turnout"]
    assert found.unmatched == ()


def test_search_json_names_the_words_nothing_holds(run_cli: RunCli, validate_json: Callable[[Any, str], None],
                                                   tmp_path: Path) -> None:
    base = str(DATA / "referendums")
    plain = run_cli("search", "Gibraltar remain zorblat", "--json", "--base", base)
    filtered = run_cli("search", "Gibraltar remain zorblat", "--json", "--base", base, "--kind", "statistic")
    for run in (plain, filtered):
        assert run.code == 0
        document = run.json()
        validate_json(document, "search")
        assert document["unmatched"] == ["zorblat"]
        assert document["results"][0]["id"] == "gibraltar-remain-2016"
    nothing = run_cli("search", "zorblat", "--json", "--base", base)
    assert (nothing.code, nothing.json()["unmatched"], nothing.json()["results"]) == (1, ["zorblat"], [])


def test_search_human_output_names_the_words_nothing_holds(run_cli: RunCli) -> None:
    run = run_cli("search", "Gibraltar remain zorblat", "--base", str(DATA / "referendums"), "--limit", "1")
    assert run.code == 0
    assert run.stdout.splitlines()[0] == "no fact holds: zorblat"


def test_a_held_word_is_no_typo_of_another() -> None:
    titled = base_of(fact("result", "The count ended with a clear outcome.", entities=("Northmark",)),
                     fact("rest", "The rest of the kingdom abstained.", entities=("Northmark",)))
    results_page = Source(key="results", outlet="Office", title="Official results", language="en",
                          kind="organisation-page", from_article=False)
    cited = Base(directory=Path("inline"), facts=(
        titled.facts[0]._replace(citations=(Citation("results"),)), titled.facts[1]),
        sources={"encyclopedia": ENCYCLOPEDIA, "results": results_page})
    found = find(cited, "Northmark result", limit=2)
    assert [hit.fact.id for hit in found.hits] == ["result"]  # through its source's title, not "rest"


def test_when_and_date_prefer_the_fact_stating_its_events_date() -> None:
    dated = (PartialDate(2031, 3, 18),)
    facts = base_of(
        fact("turnout", "Turnout in the Northmark referendum was 84.59 %.", (84.59, "turnout"),
             dates=dated)._replace(event="vote-2031"),
        fact("held", "The Northmark referendum was held on 18 March 2031.", dates=dated)._replace(event="vote-2031"),
        fact("count", "The Northmark referendum count ended on 19 March 2031.",
             dates=(PartialDate(2031, 3, 19),))._replace(event="vote-2031"),
        fact("young", "In the Northmark referendum 16-year-olds could vote.", dates=dated)._replace(event="vote-2031"),
    )
    for query in ("when was the Northmark referendum", "Northmark referendum date", "what year was the Northmark "
                  "referendum", "Northmark referendum day"):
        assert top_ids(facts, query) == ["held"], query
    assert top_ids(facts, "Northmark referendum year olds") == ["young"]  # a word the base holds, not a question
    assert find(facts, "when was the Northmark referendum").unmatched == ()


def test_how_many_prefers_a_count_to_a_share() -> None:
    counts = base_of(fact("share", "In the 2031 referendum, 55.3 % voted no.", (55.3, "no share")),
                     fact("votes", "In the 2031 referendum, 2,001,926 voted no.", (2001926, "marked no"),
                          unit="ballots"))
    assert top_ids(counts, "how many voted no in the referendum") == ["votes"]
    assert top_ids(counts, "voted no in the referendum") == ["share"]  # without the question, a tie: base order


def test_a_query_naming_a_measure_prefers_its_figure() -> None:
    shares = base_of(fact("yes", "In the 2031 referendum 44.7 % voted Yes, not No.", (44.7, "yes share")),
                     fact("no", "In the 2031 referendum 55.3 % voted No.", (55.3, "no share")))
    assert top_ids(shares, "no share 2031 referendum") == ["no"]
    assert top_ids(shares, "share no") == ["no"]  # in any order
    found = find(shares, "no share 2031 referendum", limit=1)
    assert found.hits[0].matched == ("no", "share", "2031", "referendum")  # the measure is not a query word


def test_a_unit_that_is_a_word_is_part_of_the_measure() -> None:
    votes = base_of(fact("margin", "No won the 2031 referendum by 54,288 votes.", (54288, "margin"), unit="votes"),
                    fact("no", "In the 2031 referendum, 2,362,648 were No.", (2362648, "cast for No"), unit="votes"))
    assert top_ids(votes, "2031 referendum no votes") == ["no"]
    assert top_ids(votes, "votes cast 2031") == ["no"]


def test_a_declared_demonym_finds_its_place() -> None:
    regions = Base(directory=Path("inline"), sources={"encyclopedia": ENCYCLOPEDIA}, facts=(
        fact("national", "The kingdom voted to leave, 17,410,742 votes.", (17410742, "leave votes"), unit="count"),
        fact("wales", "Wales voted to leave by 52.5 %.", (52.5, "leave share"), entities=("Wales",))),
        entities=(Entity(id="wales", name="Wales", kind="place", aliases=("Welsh",)),))
    assert top_ids(regions, "Welsh leave vote") == ["wales"]


@pytest.fixture(scope="module")
def referendums() -> Base:
    return load_base(DATA / "referendums")


# Queries written for the second test base before its search was tuned, in a reader's words.  Not yet found
# first: "when did Scotland vote on independence" (the fact says "held"), "when did the UK leave the EU"
# (it says "left"; a stemmer does not join them), and the irregular demonyms of "Glaswegians voted yes" and
# "Welsh leave vote", which this base does not declare (the national "leave votes" figure names the measure
# the query names; declared, the demonym finds Wales: see the test above).
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("scotish independance refrendum date", "scotland-2014-held"),
        ("51.9", "eu-2016-leave-share"),
        ("52% leave", "eu-2016-leave-share"),
        ("EU referendum turnout", "eu-2016-turnout"),
        ("UK leave vote share", "eu-2016-leave-share"),
        ("Scots turnout", "scotland-2014-turnout"),
        ("Scottish no vote", "scotland-2014-no-share"),
        ("yes share Scotland 2014", "scotland-2014-yes-share"),
        ("44.7", "scotland-2014-yes-share"),
        ("55%", "scotland-2014-no-share"),
        ("Brexit remain share", "eu-2016-remain-share"),
        ("Salmond resignation", "salmond-resigns-2014"),
        ("Cameron resigns", "cameron-resigns-2016"),
        ("SNP leader quits", "salmond-resigns-2014"),
        ("Edinburgh agreement", "edinburgh-agreement-2012"),
        ("Article 50 triggered", "article-50-2017"),
        ("how many voted leave", "eu-2016-leave-share"),
        ("Northern Irish remain", "northern-ireland-remain-2016"),
        ("registered voters Scotland", "scotland-2014-electorate"),
        ("16 year olds vote", "scotland-2014-votes-at-16"),
        ("Smith commission powers", "smith-commission-2014"),
        ("Gibraltar remain", "gibraltar-remain-2016"),
        ("referendum question Scotland", "scotland-2014-question"),
        ("72%", "eu-2016-turnout"),
        ("EU ref result", "eu-2016-leave-share"),
        ("independence referendum turnout record", "scotland-2014-turnout"),
    ],
)
def test_a_second_base_finds_what_a_reader_asks_first(referendums: Base, query: str, expected: str) -> None:
    assert top_ids(referendums, query) == [expected]

"""How the checker reads a journalist's wording: negating verbs, judgements, dates finer than the base's,
the side a vote took, and shares of part of the electorate."""

from __future__ import annotations

from pathlib import Path

import pytest

from nc_facts import load_base
from nc_facts.check import Checker
from nc_facts.language import negations_as_not
from nc_facts.sentence import CLAIM, OPINION, sentence_kind

UK = Path(__file__).parent / "data" / "uk-referendums"


@pytest.fixture(scope="module")
def bundled() -> Checker:
    return Checker(load_base())


@pytest.fixture(scope="module")
def uk() -> Checker:
    return Checker(load_base(UK))


def test_verbs_that_deny_what_follows_read_as_not() -> None:
    assert negations_as_not("the senate stopped short of calling for a force") == "the senate not calling for a force"
    assert negations_as_not("the motion failed to pass") == "the motion not pass"
    assert negations_as_not("it fell short of a majority") == "it not a majority"
    assert negations_as_not("turnout fell to 44 %") == "turnout fell to 44 %"


@pytest.mark.parametrize(("claim", "expected"), [
    ("In November 2022 the French Senate fell short of demanding an international peacekeeping force.", "refuted"),
    ("The French Senate's resolution failed to call for an international peacekeeping force in November 2022.",
     "refuted"),
    ("The French Senate's resolution called for an international peacekeeping force in November 2022.", "supported"),
])
def test_a_negating_verb_is_a_negation(bundled: Checker, claim: str, expected: str) -> None:
    assert bundled.check(claim).verdict == expected


@pytest.mark.parametrize(("sentence", "kind"), [
    ("France was wrong to hold the 2021 referendum.", OPINION),
    ("It was a mistake to annex New Caledonia.", OPINION),
    ("The loyalists were right to call for a third vote.", OPINION),
    ("Critics said France was wrong to hold the vote.", CLAIM),  # reports a view
    ("France was right about the turnout.", CLAIM),
])
def test_a_judgement_of_an_act_is_a_view(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence) == kind


def test_a_date_finer_than_the_base_s_is_not_confirmed(bundled: Checker) -> None:
    claim = "Political and moral support was provided in Azerbaijan to pro-independence movements"
    to_the_day = bundled.check(claim + " on 3 June 2024.")
    assert to_the_day.verdict == "not_enough_info"
    assert "dates it only 2024-06" in to_the_day.explanation
    assert bundled.check(claim + " in June 2024.").verdict == "supported"
    assert bundled.check(claim + " in March 2024.").verdict == "refuted"


@pytest.mark.parametrize(("claim", "expected"), [
    ("In the 2020 referendum, 53 % of voters turned down independence.", "supported"),
    ("In the 2020 referendum, 47 % of voters turned down independence.", "refuted"),
])
def test_turning_down_is_the_no_side(bundled: Checker, claim: str, expected: str) -> None:
    assert bundled.check(claim).verdict == expected


def test_a_split_of_the_vote_is_no_turnout(uk: Checker) -> None:
    result = uk.check("Scots voted to stay in the United Kingdom by 65 per cent to 35 per cent in 2014.")
    assert result.parsed.figures and "turnout" not in result.explanation
    assert result.verdict != "supported"


def test_a_share_of_part_of_the_electorate_is_not_the_whole_s(uk: Checker) -> None:
    result = uk.check("Around 40 per cent of young women voted No in the 2014 Scottish referendum.")
    assert result.verdict == "not_enough_info"


def test_what_a_vote_decided_must_be_what_the_fact_says(uk: Checker) -> None:
    result = uk.check("Scotland voted to leave the United Kingdom in 2014.")
    assert result.verdict == "not_enough_info"
    assert "does not say what was decided" in result.explanation

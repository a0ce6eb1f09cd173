"""Reading sentences: figures, dates, measures, ordinals, rounding, sentence splitting."""

from __future__ import annotations

import pytest

from nc_facts.claims import (
    APPROX_TOLERANCE,
    FRACTION_TOLERANCE,
    agrees,
    parse_claim,
    polarity,
    split_sentences,
)
from nc_facts.dates import PartialDate
from nc_facts.text import normalize


def figure(text: str):  # type: ignore[no-untyped-def]
    figures = parse_claim(text).figures
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "decimals", "percent", "comparator"),
    [
        ("56.7% voted no", 56.7, 1, True, "eq"),
        ("56.7 percent voted no", 56.7, 1, True, "eq"),
        ("56.7 per cent voted no", 56.7, 1, True, "eq"),
        ("56,7 % voted no", 56.7, 1, True, "eq"),
        ("about 80 percent turned out", 80.0, 0, True, "approx"),
        ("approximately 80% turned out", 80.0, 0, True, "approx"),
        ("more than 50% voted no", 50.0, 0, True, "gt"),
        ("less than 50 % turned out", 50.0, 0, True, "lt"),
        ("the Senate voted 295 to one", 295.0, 0, False, "eq"),
        ("43.90% turned out", 43.9, 2, True, "eq"),
    ],
)
def test_number_forms(text: str, value: float, decimals: int, percent: bool, comparator: str) -> None:
    found = figure(text)
    assert (found.value, found.decimals, found.percent, found.comparator) == (value, decimals, percent, comparator)


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [("a third backed independence", 100 / 3, "approx"), ("half of voters said no", 50.0, "approx"),
     ("two thirds of voters said no", 200 / 3, "approx"), ("a majority voted no", 50.0, "gt"),
     ("more than half of voters said no", 50.0, "gt")],
)
def test_fractions_in_words(text: str, value: float, comparator: str) -> None:
    found = figure(text)
    assert found.in_words and found.percent
    assert (found.value, found.comparator) == (pytest.approx(value), comparator)


def test_an_ordinal_is_no_fraction() -> None:
    parsed = parse_claim("New Caledonia held a third independence referendum in 2021.")
    assert parsed.figures == ()
    assert parsed.ordinals == (3,)


def test_thousands_separators_and_plain_numbers() -> None:
    assert figure("141,099 votes were cast").value == 141099.0
    assert figure("141,099 votes were cast").unit_word == "votes"


def test_a_scale_word_joins_its_number_and_sets_its_precision() -> None:
    scaled = figure("The Yes side won more than 2.3 million votes")
    assert (scaled.value, scaled.decimals, scaled.comparator, scaled.unit_word) == (2_300_000, -5, "gt", "votes")
    assert agrees(scaled, 2_308_360) and not agrees(scaled, 2_299_999)
    exact = figure("2.3 million votes were cast")
    assert agrees(exact, 2_308_360) and agrees(exact, 2_250_000) and not agrees(exact, 2_350_000)
    assert (figure("two billion krónur").value, figure("55 thousand voters").value) == (2e9, 55_000)
    # A year takes no scale: "1980 1000" is a year, then a thousand.
    assert [(f.value, f.unit_word) for f in parse_claim("In 1980 1000 people voted.").figures] == [(1000, "people")]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The first referendum was held in 2018.", [PartialDate(2018)]),
        ("In November 2022, the Senate adopted it.", [PartialDate(2022, 11)]),
        ("It was signed on 12 December 2021.", [PartialDate(2021, 12, 12)]),
        ("It was signed on December 12, 2021.", [PartialDate(2021, 12, 12)]),
        ("Le Sénat l'a adoptée le 15 novembre 2022.", [PartialDate(2022, 11, 15)]),
        ("L'accord de juillet 2025.", [PartialDate(2025, 7)]),
        ("Prise de possession le 24 septembre 1853 à Balade.", [PartialDate(1853, 9, 24)]),
        ("During 2023–2024 the group spoke.", [PartialDate(2023), PartialDate(2024)]),
        ("On 1st May 2024.", [PartialDate(2024, 5, 1)]),
    ],
)
def test_date_forms(text: str, dates: list[PartialDate]) -> None:
    assert [d.date for d in parse_claim(text).dates] == dates


def test_a_year_is_not_a_figure_and_a_percentage_is_not_a_year() -> None:
    parsed = parse_claim("In 2018, 56.7% voted no.")
    assert [d.date for d in parsed.dates] == [PartialDate(2018)]
    assert [f.value for f in parsed.figures] == [56.7]


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        ("In 2018, 43.3% voted against independence.", ("no share",)),
        ("In the 2018 referendum 43.3% voted yes.", ("yes share",)),
        ("46.7 per cent backed independence.", ("yes share",)),
        ("96.49% rejected independence.", ("no share",)),
        ("Only 3.5% did not reject independence.", ("yes share",)),
        ("Turnout was 43.9% and 96.49% said no.", ("turnout", "no share")),
        ("81% voted in 2018.", ("turnout",)),
    ],
)
def test_measure_of_each_figure(text: str, measures: tuple[str, ...]) -> None:
    assert parse_claim(text).measures == measures


@pytest.mark.parametrize(
    ("text", "side"),
    [("voted yes", "yes"), ("backed independence", "yes"), ("voted for independence", "yes"),
     ("voted no", "no"), ("voted against independence", "no"), ("rejected independence", "no"),
     ("did not back independence", "no"), ("turnout was high", None)],
)
def test_polarity(text: str, side: str | None) -> None:
    assert polarity(normalize(text)) == side


def test_ordinals() -> None:
    assert parse_claim("The second referendum, unlike the first, ...").ordinals == (2, 1)
    assert parse_claim("In the 3rd referendum").ordinals == (3,)


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("53%", 53.26, True), ("53.3%", 53.26, True), ("53.26%", 53.26, True), ("54%", 53.26, False),
        ("53.2%", 53.26, False), ("56.7%", 56.67, True), ("57%", 56.67, True), ("43.9%", 43.87, True),
        ("85.6%", 85.64, True), ("85.7%", 85.64, False),
    ],
)
def test_rounding_to_the_claims_precision(claim: str, source: float, expected: bool) -> None:
    assert agrees(figure(claim + " said no"), source) is expected


def test_tolerance_for_approximate_figures() -> None:
    assert APPROX_TOLERANCE == 2.0
    # The source says "approximately 80 %": 78..82 agree, 77 and 83 do not.
    assert agrees(figure("78% turned out"), 80.0, source_approximate=True)
    assert agrees(figure("82% turned out"), 80.0, source_approximate=True)
    assert not agrees(figure("77% turned out"), 80.0, source_approximate=True)
    assert not agrees(figure("83% turned out"), 80.0, source_approximate=True)
    # The claim hedges ("about 53 %"): the same width around the claim.
    assert agrees(figure("about 52% said no"), 53.26)
    assert not agrees(figure("about 50% said no"), 53.26)
    assert not agrees(figure("52% said no"), 53.26)


def test_fractions_and_bounds() -> None:
    assert FRACTION_TOLERANCE == 4.0
    assert agrees(figure("nearly half backed it"), 46.74)
    assert not agrees(figure("a third backed it"), 43.3)
    assert agrees(figure("more than 50% said no"), 53.26)
    assert not agrees(figure("more than 50% said yes"), 46.74)
    assert agrees(figure("less than 50% turned out"), 43.9)


def test_sentence_splitting() -> None:
    draft = ("# Draft\n\nTurnout was 80%. J. Cook came in 1774! Did he? Yes.\n\n"
             "- first item\n- second item. Mr. Darmanin said so.\n")
    assert split_sentences(draft) == [
        "Draft", "Turnout was 80%.", "J. Cook came in 1774!", "Did he?", "Yes.", "first item",
        "second item.", "Mr. Darmanin said so.",
    ]


def test_negation_and_attribution() -> None:
    assert parse_claim("New Caledonia is not a French territory.").negated
    assert not parse_claim("New Caledonia is a French territory.").negated
    assert parse_claim("Darmanin accused Baku of supporting separatists.").attributed
    assert not parse_claim("Baku supported separatists.").attributed


def test_a_tallys_other_side_in_words_for_nought_is_a_figure() -> None:
    for text in ("passed 295 votes to none", "passed 295 votes to zero", "passed 295 to nil"):
        assert [(f.value, f.pair) for f in parse_claim(text).figures] == [(295, 1), (0, 2)], text
    assert [f.value for f in parse_claim("none of the 295 senators voted").figures] == [295]

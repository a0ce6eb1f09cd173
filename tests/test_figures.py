"""Figures as people write them, read by --value and --better."""

from __future__ import annotations

import pytest

from nc_facts.errors import UsageError
from nc_facts.figures import Figure, parse_figure, parse_number


@pytest.mark.parametrize(("text", "expected"), [
    ("2,001,926 count no votes", Figure(2001926.0, "count", "no votes", False)),
    ("51.9% leave share", Figure(51.9, "percent", "leave share", False)),
    ("85.64 % turnout", Figure(85.64, "percent", "turnout", False)),
    ("1.5 per cent growth rate", Figure(1.5, "percent", "growth rate", False)),
    ("£70,000 salary", Figure(70000.0, "GBP", "salary", False)),
    ("350 million pounds weekly claim", Figure(350e6, "pounds", "weekly claim", False)),
    ("£350m weekly claim", Figure(350e6, "GBP", "weekly claim", False)),
    ("€1.2bn budget", Figure(1.2e9, "EUR", "budget", False)),
    ("~80 percent turnout", Figure(80.0, "percent", "turnout", True)),
    ("56,7 percent no share", Figure(56.7, "percent", "no share", False)),
    ("3 m depth", Figure(3.0, "m", "depth", False)),
    ("-2.5 percent change", Figure(-2.5, "percent", "change", False)),
])
def test_figures_as_written(text: str, expected: Figure) -> None:
    assert parse_figure(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("2,001,926", 2001926.0), ("1,234.5", 1234.5), ("56,7", 56.7),
                                                ("0.5", 0.5), ("12", 12.0)])
def test_numbers_with_separators(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("percent turnout", "write NUMBER UNIT MEASURE"),
    ("51.9%", "a figure needs a unit and what it measures"),
    ("12 votes", "a figure needs a unit and what it measures"),
    ("1,23,4 votes cast", "'1,23,4' is not a number"),
])
def test_what_is_not_a_figure_says_why(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_figure(text)

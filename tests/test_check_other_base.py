"""The checker on a base of its own: claims written independently of the checker, about two other referendums.

The base (tests/data/uk-referendums) is in today's format and declares nothing beyond its facts and sources;
its claims were written with their verdicts before the checker saw them. The floor guards the method, not an
item: every claim is checked, and no claim may be answered "supported" unless it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nc_facts import load_base
from nc_facts.check import Checker

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BASE = Path(__file__).resolve().parent / "data" / "uk-referendums"


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[str, str, str]]:
    checker = Checker(load_base(BASE))
    claims = tomllib.loads((BASE / "claims.toml").read_text(encoding="utf-8"))["claim"]
    return [(claim["text"], claim["verdict"], checker.check(claim["text"]).verdict) for claim in claims]


def test_no_claim_is_supported_that_the_base_does_not_support(outcomes: list[tuple[str, str, str]]) -> None:
    assert [text for text, wanted, got in outcomes if got == "supported" and wanted != "supported"] == []


def test_nine_in_ten_verdicts_are_right(outcomes: list[tuple[str, str, str]]) -> None:
    right = sum(1 for _, wanted, got in outcomes if wanted == got)
    assert right >= 0.9 * len(outcomes), [(t, w, g) for t, w, g in outcomes if w != g]

"""Facts whose texts hold no usable figure are passed over when a figure is sought in words: verdicts unchanged."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from nc_facts import check_figures, check_report, evidence, loader
from nc_facts.check import Checker
from nc_facts.claims import Figure, agreement_bounds, agrees
from nc_facts.model import Base

from conftest import BUNDLED_BASE, DATA, claim_texts

BASES = [(BUNDLED_BASE, None), (DATA / "quebec-scotland", DATA / "quebec-scotland" / "claims.toml"),
         (DATA / "uk-referendums", DATA / "uk-referendums" / "claims.toml"),
         (DATA / "second-declared", None)]


# Figures the bundled base gives only in its texts: a side's count, a part's share.
FOUND_IN_WORDS = ["About 79,000 voters said no to independence in 2018.",
                  "Some 81,000 voters said no to independence in 2018.",
                  "In the Loyalty Islands, more than 80 % said yes to independence at the first referendum.",
                  "In the Loyalty Islands, 60 % said yes to independence at the first referendum."]


def _sentences(directory: Path, base: Base, claims: Path | None) -> list[str]:
    """The base's test sentences, its facts' claims, and each claim with its first number moved by one."""
    sentences = list(FOUND_IN_WORDS) if directory == BUNDLED_BASE else []
    sentences += [fact.claim for fact in base.facts]
    sentences += [re.sub(r"\d+", lambda m: str(int(m.group()) + 1), fact.claim, count=1) for fact in base.facts]
    return sentences + (claim_texts(claims) if claims is not None else [])


@pytest.mark.parametrize(("directory", "claims"), BASES, ids=lambda p: getattr(p, "name", "-"))
def test_the_prefilter_changes_no_verdict(directory: Path, claims: Path | None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    base = loader.load_base(directory)
    sentences = _sentences(directory, base, claims)
    sought: list[str | None] = []
    original = check_figures._figure_in_texts

    def counted(*args: object, **kwargs: object) -> object:
        found = original(*args, **kwargs)  # type: ignore[arg-type]
        sought.append(found.match if found is not None else None)
        return found

    monkeypatch.setattr(check_figures, "_figure_in_texts", counted)
    filtered = [check_report.check_document(Checker(base).check(s), base) for s in sentences]
    # Every fact's texts, not only those the view's tables lead to or whose figures could be it.
    monkeypatch.setattr(check_figures, "_may_give", lambda *args, **kwargs: True)
    monkeypatch.setattr(evidence.BaseView, "places_with_texts_naming", lambda view, keys: range(len(view.parts.ids)))
    monkeypatch.setattr(evidence.BaseView, "places_with_counts_near",
                        lambda view, low, high: range(len(view.parts.ids)))
    every = [check_report.check_document(Checker(base).check(s), base) for s in sentences]
    assert filtered == every
    assert sought  # the sentences reach the search in words
    if directory == BUNDLED_BASE:
        assert {"agrees", "disagrees"} <= set(sought)  # and it finds figures there, both ways


@pytest.mark.parametrize("seed", range(5))
def test_every_figure_that_agrees_lies_within_the_bounds(seed: int) -> None:
    chance = random.Random(seed)
    for _ in range(2000):
        decimals = chance.choice([-5, -3, 0, 0, 1, 2])
        value = round(chance.choice([0, 0, chance.uniform(0, 100), chance.uniform(0, 1e6)]), max(decimals, 0))
        figure = Figure(value, decimals, chance.random() < 0.5, chance.choice(["eq", "approx", "gt", "lt", "le"]),
                        "", 0, 0, in_words=chance.random() < 0.1)
        approximate = chance.random() < 0.5
        low, high = agreement_bounds(figure, approximate=approximate)
        reach = 3 * max(1.0, 10.0 ** -decimals, abs(value) * 0.05) + 5
        for source in (chance.uniform(value - reach, value + reach) for _ in range(20)):
            if agrees(figure, source, source_approximate=approximate):
                assert low <= source <= high, (figure, source, approximate)


@pytest.mark.parametrize("directory", [directory for directory, _ in BASES] + [DATA / "clause-names"],
                         ids=lambda p: p.name)
def test_the_facts_a_name_leads_to_hold_every_clause_that_names_it(directory: Path) -> None:
    """``places_with_texts_naming`` leads to every fact a clause of whose texts, holding a figure, names the entity
    (in clause-names, a name read across the clause's end would hide it)."""
    view = Checker(loader.load_base(directory)).view
    led_to: dict[str, set[str]] = {}
    for key, places in view.parts.text_naming.items():
        for place in places:
            led_to.setdefault(view.parts.ids[place], set()).add(key)
    checked = 0
    for fact in view.facts:
        for statement in view.statements(fact):
            for clause in evidence.clauses(statement.text):
                if any(not figure.in_words for figure in evidence.clause_numbers(clause)[1]):
                    assert view.names.keys_within(clause) <= led_to.get(fact.id, set()), clause
                    checked += 1
    assert checked >= (1 if directory.name == "clause-names" else 10)

"""Facts whose texts hold no usable figure are passed over when a figure is sought in words: verdicts unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nc_facts import check_figures, check_report, loader
from nc_facts.check import Checker
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
    monkeypatch.setattr(check_figures, "_may_give", lambda *args, **kwargs: True)
    every = [check_report.check_document(Checker(base).check(s), base) for s in sentences]
    assert filtered == every
    assert sought  # the sentences reach the search in words
    if directory == BUNDLED_BASE:
        assert {"agrees", "disagrees"} <= set(sought)  # and it finds figures there, both ways

"""Patterns compiled on first use behave as re.compile's."""

from __future__ import annotations

import re

import pytest

from nc_facts import lazy_re
from nc_facts.lazy_re import compile_lazily


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    lazy = compile_lazily(r"\b(?P<word>vot\w+)\b", re.IGNORECASE)
    compiled = re.compile(r"\b(?P<word>vot\w+)\b", re.IGNORECASE)
    text = "Voters voted; the vote was counted."
    assert lazy.pattern == compiled.pattern
    assert [m.group("word") for m in lazy.finditer(text)] == ["Voters", "voted", "vote"]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("X", text) == compiled.sub("X", text) == "X X; the X was counted."
    assert lazy.split(text) == compiled.split(text)
    assert lazy.flags == compiled.flags and lazy.groupindex == compiled.groupindex


def test_it_compiles_only_when_first_used(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazy_re.re, "compile", counting)
    lazy = compile_lazily(r"a+b")
    assert compiled == []
    assert lazy.pattern == "a+b" and compiled == []  # patterns are joined before any is used
    assert lazy.search("xaab") is not None
    assert lazy.match("ab") is not None
    assert compiled == ["a+b"]


def test_an_invalid_pattern_fails_where_it_is_first_used() -> None:
    lazy = compile_lazily(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("text")


def test_the_checker_modules_do_not_compile_their_patterns_on_import() -> None:
    from nc_facts import check, claims, sentence

    held = [value for module in (check, claims, sentence) for value in vars(module).values()
            if isinstance(value, lazy_re._LazyPattern)]
    assert len(held) > 30
    assert not any(isinstance(value, re.Pattern) for value in vars(claims).values())

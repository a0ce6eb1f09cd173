"""A large facts file parsed in two processes gives the document one parse gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nc_facts import loader

from conftest import ROOT, write_synthetic_base

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="splitting needs os.fork")


@pytest.fixture
def split_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "SPLIT_PARSE_CHARS", 0)


def test_split_parse_equals_one_parse(split_always: None, tmp_path: Path) -> None:
    write_synthetic_base(tmp_path / "synthetic", 600, seed=2)
    for facts in (ROOT / "facts.toml", tmp_path / "synthetic" / "facts.toml"):
        text = facts.read_text(encoding="utf-8")
        split = loader._parse_in_two(text)
        assert split is not None
        assert split == tomllib.loads(text)


def test_a_header_inside_a_multiline_string_falls_back_to_one_parse(split_always: None, tmp_path: Path) -> None:
    body = 'claim = "c"\nkind = "analysis"\n'
    text = "schema_version = 1\n\n" + "".join(f'[[fact]]\nid = "f{n}"\n{body}\n' for n in range(3))
    text += '[[fact]]\nid = "g"\nkind = "analysis"\nclaim = """\n[[fact]]\nid = "fake"\n"""\n'
    text += "".join(f'[[fact]]\nid = "h{n}"\n{body}\n' for n in range(3))
    assert loader._parse_in_two(text) is None  # the cut falls inside the string: the first half fails
    facts = tmp_path / "facts.toml"
    facts.write_text(text, encoding="utf-8")
    document = loader.parse_toml(facts, text)
    assert document == tomllib.loads(text)
    assert [fact["id"] for fact in document["fact"]] == ["f0", "f1", "f2", "g", "h0", "h1", "h2"]


def test_a_syntax_error_still_has_its_true_position(split_always: None, tmp_path: Path) -> None:
    text = "schema_version = 1\n" + "".join(f'[[fact]]\nid = "f{n}"\nclaim = "c"\nkind = "analysis"\n'
                                            for n in range(6)) + 'oops = \n'
    facts = tmp_path / "facts.toml"
    with pytest.raises(loader.BaseInvalidError) as caught:
        loader.parse_toml(facts, text)
    assert caught.value.problems[0].line == 26


def test_a_fork_that_fails_leaves_one_parse(split_always: None, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "facts.toml").read_text(encoding="utf-8")

    def no_process() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(loader.os, "fork", no_process)
    assert loader._parse_in_two(text) is None
    assert loader.parse_toml(ROOT / "facts.toml", text) == tomllib.loads(text)

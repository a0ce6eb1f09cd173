"""The checker's view kept beside the index: the same verdicts as a view worked out afresh, and never trusted blind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from nc_facts import check_cache, check_report, evidence, loader, sections
from nc_facts.check import Checker
from nc_facts.errors import CacheError
from nc_facts.reader import open_base

from conftest import BUNDLED_BASE, DATA, RunCli, claim_texts

# Each base with sentences to check against it.
BASES = [(BUNDLED_BASE, None), (DATA / "quebec-scotland", DATA / "quebec-scotland" / "claims.toml"),
         (DATA / "uk-referendums", DATA / "uk-referendums" / "claims.toml")]


def _sentences(claims: Path | None) -> list[str]:
    if claims is None:
        return ["The turnout in 2020 was 85.64 %.", "In 2018, 56.7% voted no.",
                "Darmanin accused Azerbaijan of interference in New Caledonia."]
    return claim_texts(claims)


def _saved_and_read(directory: Path) -> tuple[evidence.BaseView, evidence.BaseView]:
    indexed = open_base(directory)
    fresh = check_cache.cached_view(indexed)  # worked out, and saved
    assert os.path.isfile(check_cache.view_path(str(directory)))
    return fresh, check_cache.cached_view(indexed)


@pytest.mark.parametrize(("directory", "claims"), BASES, ids=lambda p: getattr(p, "name", "-"))
def test_a_saved_view_gives_the_verdicts_of_a_fresh_one(directory: Path, claims: Path | None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, _ = _saved_and_read(directory)
    monkeypatch.setattr(evidence.BaseView, "_derive", _never_derived)
    indexed = open_base(directory)
    base = indexed.whole_base()
    saved = check_cache.cached_view(indexed)
    assert check_cache.plain(saved.parts) == check_cache.plain(fresh.parts)
    assert dict(saved.words) == dict(fresh.words) and dict(saved.fact_names) == dict(fresh.fact_names)
    assert saved.names.entities == fresh.names.entities and saved.measures == fresh.measures
    assert saved.events == fresh.events
    for sentence in _sentences(claims):
        expected = check_report.check_document(Checker(base, fresh).check(sentence), base)
        assert check_report.check_document(Checker(base, saved).check(sentence), base) == expected
    assert "facts" not in saved.__dict__  # no rule read every fact of the base
    assert saved.records == fresh.records


@pytest.mark.parametrize(("directory", "claims"), BASES, ids=lambda p: getattr(p, "name", "-"))
def test_a_view_worked_out_from_the_index_keeps_none_of_its_facts(directory: Path, claims: Path | None,
                                                                  tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Worked out in two passes over the index's facts, the view equals the one of the loaded base, and holds
    no fact once made: a check then decodes those it reads, as from a saved view."""
    monkeypatch.setenv("NC_FACTS_CACHE_DIR", str(tmp_path / "read-only"))
    (tmp_path / "read-only").write_text("not a directory", encoding="utf-8")  # nothing saved: worked out
    view = check_cache.cached_view(open_base(directory))
    assert view.decoded == 0 and "facts" not in view.__dict__
    assert check_cache.plain(view.parts) == check_cache.plain(evidence.BaseView(loader.load_base(directory)).parts)


def test_a_saved_view_decodes_only_the_facts_a_check_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    directory, claims = BASES[1]
    _saved_and_read(directory)
    monkeypatch.setattr(evidence.BaseView, "_derive", _never_derived)
    view = check_cache.cached_view(open_base(directory))
    assert view.base.facts == () and view.decoded == 0
    checker = Checker(view.base, view)
    verdicts = {checker.check(sentence).verdict for sentence in _sentences(claims)[:5]}
    assert verdicts and 0 < view.decoded < len(view.parts.ids)
    assert 0 < len(view.parts.records._made) < len(view.parts.ids)  # type: ignore[attr-defined]


def _never_derived(self: evidence.BaseView, facts: object) -> evidence.ViewParts:
    raise AssertionError("the saved view should have been read")


def test_a_changed_base_is_worked_out_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "base"
    shutil.copytree(DATA / "mini", directory)
    _saved_and_read(directory)
    facts = directory / "facts.toml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('entities = ["Island"]', 'entities = ["Isla Grande"]', 1), encoding="utf-8")
    derived = []
    original = evidence.BaseView._derive
    monkeypatch.setattr(evidence.BaseView, "_derive",
                        lambda self, facts: derived.append(1) or original(self, facts))
    indexed = open_base(directory)
    view = check_cache.cached_view(indexed)
    assert derived == [1]
    assert ("isla", "grande") in view.names.forms()


def _saved_bytes(tmp_path: Path) -> tuple[Path, evidence.BaseView, bytearray]:
    directory = tmp_path / "base"
    shutil.copytree(DATA / "mini", directory)
    fresh, _ = _saved_and_read(directory)
    path = Path(check_cache.view_path(str(directory)))
    return path, fresh, bytearray(path.read_bytes())


@pytest.mark.parametrize("damage", ["header", "sums", "truncate", "magic", "fifo", "directory", "empty"])
def test_a_view_damaged_where_it_is_opened_is_never_read(damage: str, tmp_path: Path) -> None:
    path, fresh, data = _saved_bytes(tmp_path)
    path.unlink()
    if damage in ("header", "sums"):  # the header's JSON; the block sums, just before the trailer
        data[40 if damage == "header" else len(data) - len(check_cache.KIND.trailer) - 2] ^= 0x10
        path.write_bytes(bytes(data))
    elif damage == "truncate":
        path.write_bytes(bytes(data[: len(data) - 7]))
    elif damage == "magic":
        path.write_bytes(b"X" + bytes(data[1:]))
    elif damage == "fifo":
        os.mkfifo(path)
    elif damage == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"")
    indexed = open_base(tmp_path / "base")
    view = check_cache.cached_view(indexed)
    assert check_cache.plain(view.parts) == check_cache.plain(fresh.parts)
    if damage not in ("fifo", "directory"):  # replaced
        saved = check_cache._open(str(path), check_cache._key(indexed) or "")
        assert saved is not None and check_cache.plain(saved.parts() or fresh.parts) == check_cache.plain(fresh.parts)


def _damaged_in(data: bytearray, section: str, at: int = 0) -> bytearray:
    """The file's bytes with one byte of a section flipped, its block sums left as they were."""
    header, start = sections.parse(bytes(data), check_cache.KIND) or ({}, 0)
    offset, length, _ = header["sections"][section]
    assert length > at
    data[start + offset + at] ^= 0x10
    return data


@pytest.mark.parametrize("section", ["records", "postings.places", "head"])
def test_a_block_found_damaged_while_read_is_refused_and_removed(section: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_cache, "BLOCK_SIZE", 64)  # many small blocks: a flip lands in one a read checks
    path, fresh, data = _saved_bytes(tmp_path)
    path.write_bytes(bytes(_damaged_in(data, section)))
    indexed = open_base(tmp_path / "base")
    if section == "head":  # read as the view opens: worked out again at once
        view = check_cache.cached_view(indexed)
        assert check_cache.plain(view.parts) == check_cache.plain(fresh.parts) and path.exists()
        return
    view = check_cache.cached_view(indexed)
    with pytest.raises(CacheError, match="saved view is damaged"):
        check_cache.plain(view.parts)
    assert not path.exists()
    again = check_cache.cached_view(open_base(tmp_path / "base"))
    assert check_cache.plain(again.parts) == check_cache.plain(fresh.parts) and path.exists()


def test_a_fact_the_index_holds_at_another_place_is_refused(tmp_path: Path) -> None:
    path, _, _ = _saved_bytes(tmp_path)
    indexed = open_base(tmp_path / "base")
    saved = check_cache._open(str(path), check_cache._key(indexed) or "")
    assert saved is not None
    fact_at = saved.checked(lambda place: indexed.fact(1 - place))  # an index whose first two facts swapped
    with pytest.raises(CacheError, match="saved view is damaged"):
        fact_at(0)
    assert not path.exists()
    assert saved.checked(indexed.fact)(1).id == indexed.fact(1).id


def test_a_cache_that_cannot_be_written_still_checks(tmp_path: Path, run_cli: RunCli) -> None:
    expected = run_cli("check", "The turnout in 2020 was 85.64 %.", "--json")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    again = run_cli("check", "The turnout in 2020 was 85.64 %.", "--json", env={"NC_FACTS_CACHE_DIR": str(blocker)})
    assert (expected.code, again.code, again.json()) == (0, 0, expected.json())


def test_cache_clear_removes_the_view(run_cli: RunCli) -> None:
    run_cli("check", "The turnout in 2020 was 85.64 %.", "--json")
    listed = run_cli("cache", "path", "--json").json()["files"]
    assert {".check", ".idx"} <= {Path(p).suffix for p in listed}
    assert run_cli("cache", "clear", "--json").json()["removed"] == listed
    assert run_cli("cache", "path", "--json").json()["files"] == []

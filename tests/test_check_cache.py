"""The checker's view kept beside the index: the same verdicts as a view worked out afresh, and never trusted blind."""

from __future__ import annotations

import os
import shutil
import zlib
from pathlib import Path

import pytest

from nc_facts import check_cache, check_report, evidence
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
    assert saved.parts == fresh.parts
    assert dict(saved.words) == {fact_id: fresh.words[fact_id] for fact_id in fresh.words}
    assert saved.names.entities == fresh.names.entities and saved.measures == fresh.measures
    assert saved.events == fresh.events
    for sentence in _sentences(claims):
        expected = check_report.check_document(Checker(base, fresh).check(sentence), base)
        assert check_report.check_document(Checker(base, saved).check(sentence), base) == expected
    assert "facts" not in saved.__dict__  # no rule read every fact of the base
    assert saved.records == fresh.records


def test_a_saved_view_decodes_only_the_facts_a_check_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    directory, claims = BASES[1]
    _saved_and_read(directory)
    monkeypatch.setattr(evidence.BaseView, "_derive", _never_derived)
    view = check_cache.cached_view(open_base(directory))
    assert view.base.facts == () and view.decoded == 0
    checker = Checker(view.base, view)
    verdicts = {checker.check(sentence).verdict for sentence in _sentences(claims)[:5]}
    assert verdicts and 0 < view.decoded < len(view.parts.ids)


def _never_derived(self: evidence.BaseView) -> evidence.ViewParts:
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
    monkeypatch.setattr(evidence.BaseView, "_derive", lambda self: derived.append(1) or original(self))
    indexed = open_base(directory)
    view = check_cache.cached_view(indexed)
    assert derived == [1]
    assert ("isla", "grande") in {form for row in view.parts.entities for form in row[3]}


@pytest.mark.parametrize("damage", ["flip", "record", "truncate", "magic", "fifo", "directory", "empty"])
def test_a_damaged_view_is_never_read(damage: str, tmp_path: Path) -> None:
    directory = tmp_path / "base"
    shutil.copytree(DATA / "mini", directory)
    fresh, _ = _saved_and_read(directory)
    path = Path(check_cache.view_path(str(directory)))
    data = bytearray(path.read_bytes())
    path.unlink()
    if damage in ("flip", "record"):  # the records of the facts come last, each read only when asked for
        data[len(data) // 2 if damage == "flip" else len(data) - 3] ^= 0x10
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
    indexed = open_base(directory)
    view = check_cache.cached_view(indexed)
    assert view.parts == fresh.parts
    if damage not in ("fifo", "directory"):
        assert check_cache._read(str(path), check_cache._key(indexed) or b"") == fresh.parts  # replaced


def test_a_record_damaged_under_a_good_checksum_is_refused_and_removed(tmp_path: Path) -> None:
    directory = tmp_path / "base"
    shutil.copytree(DATA / "mini", directory)
    fresh, _ = _saved_and_read(directory)
    path = Path(check_cache.view_path(str(directory)))
    data = bytearray(path.read_bytes())
    data[-6:] = b"\xff" * 6  # the end of the last fact's record: no marshal type code
    key_length, head_length, _ = check_cache._SIZES.unpack_from(data, len(check_cache.MAGIC))
    payload = len(check_cache.MAGIC) + check_cache._SIZES.size + key_length
    check_cache._SIZES.pack_into(data, len(check_cache.MAGIC), key_length, head_length,
                                 zlib.crc32(bytes(data[payload:])))
    path.write_bytes(bytes(data))
    view = check_cache.cached_view(open_base(directory))
    with pytest.raises(CacheError, match="saved view is damaged"):
        view.words[view.parts.ids[-1]]
    assert not path.exists()
    again = check_cache.cached_view(open_base(directory))
    assert again.parts == fresh.parts and path.exists()


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

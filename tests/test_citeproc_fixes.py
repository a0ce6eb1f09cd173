"""The corrections to citeproc-py are contained: applied only while rendering, each needed, each checked."""

from __future__ import annotations

import json
from typing import Any

import citeproc.model
import pytest

from nc_facts import loader
from nc_facts.citations import citeproc_fixes
from nc_facts.citations.export import select_sources
from nc_facts.citations.notes import cite_facts, plan_positions
from nc_facts.citations.style import StyleRenderer
from nc_facts.errors import CitationEngineError
from nc_facts.model import Base, Source

from conftest import DATA, RunCli, bundled_base

STYLES = ("apa", "chicago-notes-bibliography", "modern-language-association")


def sources() -> list[Source]:
    return select_sources(bundled_base())


def originals() -> list[Any]:
    return [citeproc_fixes.Patch.target(patch).__dict__[patch.attribute] for patch in citeproc_fixes.PATCHES]


def test_the_library_is_itself_outside_rendering() -> None:
    before = originals()
    with citeproc_fixes.patched():
        inside = originals()
        with citeproc_fixes.patched():  # re-entrant: the inner block does not restore early
            assert originals() == inside
        assert originals() == inside
    assert all(a is not b for a, b in zip(before, inside, strict=True))
    assert originals() == before


def test_rendering_leaves_the_library_as_it_found_it() -> None:
    before = originals()
    StyleRenderer(sources(), "apa").bibliography()
    assert originals() == before


def test_the_library_is_restored_when_rendering_fails() -> None:
    before = originals()
    with pytest.raises(KeyError), citeproc_fixes.patched():
        raise KeyError("boom")
    assert originals() == before


SECOND_BASE = DATA / "second-declared"  # bougainville-catalonia's sources, word for word
BASES = {"bundled-base": None, "bougainville-catalonia": SECOND_BASE}


def fixture(name: str) -> Any:
    return json.loads((DATA / "citations" / name).read_text(encoding="utf-8"))


def citeproc_js_output(base_name: str, style: str) -> tuple[list[dict[str, str]], list[str]]:
    notes = fixture(f"citeproc-js-{base_name}-{style}-notes-text.json")["notes"]
    return fixture(f"citeproc-js-{base_name}-{style}-bib-text.json"), [note["text"] for note in notes]


def our_output(base: Base, plan: list[tuple[str, ...]], style: str) -> tuple[list[dict[str, str]], list[str]]:
    """The bibliography, then the notes of the plan from the same renderer (as ``cite`` renders both)."""
    renderer = StyleRenderer(select_sources(base), style)
    bibliography = [{"id": entry.key, "text": entry.text} for entry in renderer.bibliography()]
    notes = []
    for keys, position in zip(plan, plan_positions(plan), strict=True):
        with citeproc_fixes.position(position):
            notes.append(renderer.cite(keys))
    return bibliography, notes


# Where each patch shows: the base and style whose citations differ from citeproc-js's without it.
WITNESS = {
    "Substitute.render": ("bundled-base", "modern-language-association"),
    "Text._variable": ("bundled-base", "modern-language-association"),
    "Key.sort_keys": ("bundled-base", "modern-language-association"),
    "Label.process": ("bougainville-catalonia", "chicago-notes-bibliography"),
    "String.capitalize_first": ("bundled-base", "modern-language-association"),
    "If.render": ("bougainville-catalonia", "modern-language-association"),
    "If._position": ("unsourced note", "chicago-notes-bibliography-subsequent-ibid"),
}


def patch_name(patch: citeproc_fixes.Patch) -> str:
    return f"{patch.owner.split(':')[1]}.{patch.attribute}"


def test_every_patch_has_a_witness() -> None:
    assert sorted(WITNESS) == sorted(patch_name(patch) for patch in citeproc_fixes.PATCHES)


@pytest.mark.parametrize("patch", citeproc_fixes.PATCHES, ids=patch_name)
def test_every_patch_is_needed(monkeypatch: pytest.MonkeyPatch, patch: citeproc_fixes.Patch) -> None:
    """Without any one patch, some citation differs from citeproc-js's."""
    base_name, style = WITNESS[patch_name(patch)]
    assert patch.upstream  # and says what citeproc-py does wrong
    if base_name == "unsourced note":
        assert not _unsourced_note_breaks_ibid()
        monkeypatch.setattr(citeproc_fixes, "PATCHES", tuple(p for p in citeproc_fixes.PATCHES if p is not patch))
        assert _unsourced_note_breaks_ibid()
        return
    base = loader.load_base(BASES[base_name])
    plan = [tuple(n["sources"]) for n in fixture(f"citeproc-js-{base_name}-notes-plan.json")["notes"]]
    assert our_output(base, plan, style) == citeproc_js_output(base_name, style)
    monkeypatch.setattr(citeproc_fixes, "PATCHES", tuple(p for p in citeproc_fixes.PATCHES if p is not patch))
    assert our_output(base, plan, style) != citeproc_js_output(base_name, style)


def _unsourced_note_breaks_ibid() -> bool:
    """After an unsourced note a repeat is "subsequent", which citeproc-py, never shown that note, calls ibid."""
    work = cite_facts(bundled_base(), ["referendum-2020-turnout", "azerbaijani-flags-at-protests",
                                               "referendum-2021-turnout"], "chicago-notes-bibliography-subsequent-ibid")
    expected = citeproc_js_output("bundled-base", "chicago-notes-bibliography")[1]
    return work.notes[2].text not in expected


def test_a_changed_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    def process(self: Any, reference: Any) -> None:  # the shape a future citeproc-py might have
        return None

    monkeypatch.setattr(citeproc.model.Label, "process", process)
    with pytest.raises(CitationEngineError, match=r"citeproc.model.Label.process now takes \(self, reference\)"):
        StyleRenderer(sources(), "apa").bibliography()
    assert citeproc.model.Label.process is process  # nothing was half-applied
    run = run_cli("export", "--style", "apa")
    assert run.code == 2
    assert run.stderr.count("\n") == 1 and "citeproc-py has changed" in run.stderr


def test_a_missing_attribute_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(citeproc.model.If, "_position")
    with pytest.raises(CitationEngineError, match=r"citeproc.model.If._position is gone"):
        StyleRenderer(sources(), "apa").bibliography()

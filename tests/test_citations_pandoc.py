"""Our CSL rendering (citeproc-py plus nc_facts/citations/citeproc_fixes.py) equals pandoc's citeproc.

Expected strings were rendered once by pandoc 2.17 from the same CSL-JSON
and the same .csl files; the commands are in tests/data/citations/README.md.
A second set of tests runs pandoc now, where it is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nc_facts.citations import citeproc_fixes
from nc_facts.citations.export import select_sources
from nc_facts.citations.style import StyleRenderer, render_bibliography, style_path
from nc_facts.model import Source

from conftest import DATA, bundled_base

CITATIONS = DATA / "citations"
STYLES = ("apa", "chicago-notes-bibliography", "modern-language-association")
# pandoc 2.17's built-in en-US locale predates the current one's short months.
OLD_SHORT_MONTHS = {"Jun.": "June", "Jul.": "July", "Sep.": "Sept."}


def sources() -> list[Source]:
    return select_sources(bundled_base())


def current_locale(text: str) -> str:
    for old, new in OLD_SHORT_MONTHS.items():
        text = re.sub(rf"\b{re.escape(old)}", new, text)
    return text


def paragraphs(text: str) -> list[str]:
    return [current_locale(p.strip()) for p in text.split("\n\n") if p.strip()]


def pandoc_notes(text: str) -> list[str]:
    """The footnotes of pandoc's plain output ("[n] text"), or the in-text citations ("Note n.(...)")."""
    notes = re.findall(r"^\[\d+\] (.+)$", text, flags=re.M)
    if not notes:
        notes = re.findall(r"^Note \d+\.(.+)$", text, flags=re.M)
    return [current_locale(note) for note in notes]


def our_notes(style: str) -> list[str]:
    renderer = StyleRenderer(sources(), style)
    rendered = []
    for position in ("first", "subsequent"):
        for source in sources():
            with citeproc_fixes.position(position):
                rendered.append(renderer.cite([source.key]))
    return rendered


@pytest.mark.parametrize("style", STYLES)
def test_bibliography_matches_pandoc(style: str) -> None:
    expected = paragraphs((CITATIONS / f"pandoc-bibliography-{style}.txt").read_text(encoding="utf-8"))
    ours = [entry.text for entry in render_bibliography(sources(), style)]
    assert len(ours) == len(sources())
    assert ours == expected


@pytest.mark.parametrize(("style", "expected_file"), [
    ("chicago-notes-bibliography", "pandoc-notes-chicago-notes-bibliography.txt"),
    ("apa", "pandoc-citations-apa.txt"),
    ("modern-language-association", "pandoc-citations-modern-language-association.txt"),
])
def test_full_and_short_notes_match_pandoc(style: str, expected_file: str) -> None:
    expected = pandoc_notes((CITATIONS / expected_file).read_text(encoding="utf-8"))
    assert len(expected) == 2 * len(sources())
    assert our_notes(style) == expected


def test_the_fixes_are_needed() -> None:
    """Without the post-processing, citeproc-py's text differs from pandoc's: the tests above can fail."""
    assert citeproc_fixes.finish("“Title”. Next", punctuation_in_quote=True) == "“Title.” Next"
    assert citeproc_fixes.finish("“Why?”, Euronews", punctuation_in_quote=True) == "“Why?” Euronews"
    assert citeproc_fixes.finish("*Why?*. May", punctuation_in_quote=True) == "*Why?* May"
    assert citeproc_fixes.finish("a ‘historic’ deal", punctuation_in_quote=True) == "a “historic” deal"
    assert citeproc_fixes.finish("“a ‘historic’ deal”", punctuation_in_quote=True) == "“a ‘historic’ deal”"
    assert citeproc_fixes.finish("l'Arménie, Kaledonya’daki", punctuation_in_quote=False) == "l’Arménie, Kaledonya’daki"
    assert citeproc_fixes.collation_key("“Établir") < citeproc_fixes.collation_key("Fransa")


PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed; the stored expectations still run")


def run_pandoc(tmp_path: Path, markdown: str, style: str, *extra: str) -> subprocess.CompletedProcess[str]:
    from nc_facts.citations.csl import csl_items

    bibliography = tmp_path / "refs.json"
    bibliography.write_text(json.dumps(csl_items(sources()), ensure_ascii=False), encoding="utf-8")
    document = tmp_path / "doc.md"
    document.write_text(markdown, encoding="utf-8")
    command = [str(PANDOC), str(document), "--citeproc", "--bibliography", str(bibliography),
               "--csl", str(style_path(style)), "-t", "plain", "--wrap=none", *extra]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)


@needs_pandoc
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_renders_our_csl_json_without_warnings_as_we_do(tmp_path: Path, style: str) -> None:
    done = run_pandoc(tmp_path, "---\nnocite: '@*'\n---\n", style)
    assert done.stderr == ""
    assert paragraphs(done.stdout) == [entry.text for entry in render_bibliography(sources(), style)]

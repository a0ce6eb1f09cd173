"""biber --validate-datamodel reads our BibLaTeX with no missing mandatory field the base could fill."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nc_facts import loader
from nc_facts.citations.export import export, select_sources
from nc_facts.dates import PartialDate
from nc_facts.model import Source

from conftest import DATA

BIBER = shutil.which("biber")
SECOND_BASE = DATA / "second-declared"  # the sources of the second base, with news, pages, authors and no dates
MISSING = re.compile(r"Entry '([^']+)' \(\S+\): Missing mandatory field (?:- one of )?'([^']+)'")


def unfillable(source: Source, fields: str) -> bool:
    """A field the base holds nothing for: no publication date, no URL, no author."""
    if fields == "date, year":
        return source.published is None
    if fields == "url, doi, eprint":
        return not source.url
    if fields == "author":
        return not source.names
    return False


@pytest.mark.skipif(BIBER is None, reason="biber is not installed (.ci/run installs it with apt-get)")
@pytest.mark.parametrize("base_dir", [None, SECOND_BASE], ids=["bundled", "second"])
def test_biber_finds_no_missing_field_the_base_could_fill(tmp_path: Path, base_dir: Path | None) -> None:
    sources = {source.key: source for source in select_sources(loader.load_base(base_dir))}
    bib = tmp_path / "refs.bib"
    bib.write_text(export(list(sources.values()), "biblatex").text, encoding="utf-8")
    done = subprocess.run([str(BIBER), "--tool", "--validate-datamodel", bib.name],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "ERROR" not in done.stdout
    missing = MISSING.findall(done.stdout)
    assert [(key, fields) for key, fields in missing if not unfillable(sources[key], fields)] == []
    # Anything else biber warns about (an unknown field or entry type) is a fault of ours.
    warnings = [line for line in done.stdout.splitlines() if " WARN - " in line and "Missing mandatory" not in line]
    assert warnings == []


def test_an_undated_newspaper_piece_is_online_so_no_empty_date_is_printed() -> None:
    """biblatex's @article needs a date (its styles print a missing one as "()"); @online does not."""
    from nc_facts.citations.bibtex import biblatex_entry

    dated = Source(key="d", outlet="Euronews", title="T", language="en", kind="news-article", from_article=True,
                   published=PartialDate(2024, 5, 19), url="https://example.org/d")
    undated = Source(key="u", outlet="Anadolu Ajansı", title="T", language="en", kind="news-article",
                     from_article=True, url="https://example.org/u")
    assert biblatex_entry(dated).startswith("@article{d,") and "journaltitle = {Euronews}" in biblatex_entry(dated)
    assert biblatex_entry(undated).startswith("@online{u,") and "organization = {Anadolu Ajansı}" in (
        biblatex_entry(undated))
    assert "entrysubtype = {newspaper}" in biblatex_entry(undated)  # biber accepts it on @online; it reads back

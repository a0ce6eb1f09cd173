"""Formatted citations remembered between runs: the same text as formatting afresh, and formatted again on a change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nc_facts.citations import remembered, style

from conftest import DATA, RunCli

COMMANDS = [
    ["export", "--style", "apa"], ["export", "--style", "chicago", "--format", "html"],
    ["export", "--style", "mla", "--format", "markdown", "--facts", "referendum-2020-turnout"],
    ["cite", "referendum-2020-turnout", "referendum-2018-turnout", "referendum-2020-turnout", "--notes"],
    ["cite", "referendum-2020-turnout", "-s", "apa", "--json"], ["cite", "darmanin-allegation-2024", "-Fmarkdown"],
]


def _rendered_files(cache: Path) -> list[Path]:
    return sorted((cache / "index").glob("rendered-*.json"))


def _never_formatted(*args: object, **kwargs: object) -> None:
    raise AssertionError("the remembered result should have been used")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_remembered_result_prints_what_formatting_prints(args: list[str], run_cli: RunCli, private_cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    formatted = run_cli(*args)
    assert formatted.code == 0 and formatted.stdout
    assert _rendered_files(private_cache)
    monkeypatch.setattr(style, "StyleRenderer", _never_formatted)
    again = run_cli(*args)
    assert (again.code, again.stdout, again.stderr) == (formatted.code, formatted.stdout, formatted.stderr)


def test_a_changed_source_is_formatted_again(tmp_path: Path, run_cli: RunCli) -> None:
    base = tmp_path / "base"
    shutil.copytree(DATA / "mini", base)
    before = run_cli("export", "--style", "apa", "--base", str(base))
    sources = base / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    sources.write_text(text.replace(title, 'title = "An entirely new title"', 1), encoding="utf-8")
    after = run_cli("export", "--style", "apa", "--base", str(base))
    assert "An entirely new title" in after.stdout and "An entirely new title" not in before.stdout


def test_an_edited_style_file_is_read_again(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "house.csl"
    shutil.copyfile(style.style_path("apa"), path)
    before = run_cli("export", "--style", "house.csl")
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace('<text variable="title"', '<text prefix="TITLE: " variable="title"', 1),
                    encoding="utf-8")
    after = run_cli("export", "--style", "house.csl")
    assert before.code == after.code == 0 and "TITLE: " in after.stdout and "TITLE: " not in before.stdout


@pytest.mark.parametrize("damage", ["value", "crc", "not json", "another key"])
def test_a_damaged_file_is_never_used(damage: str, run_cli: RunCli, private_cache: Path) -> None:
    formatted = run_cli("export", "--style", "apa")
    for path in _rendered_files(private_cache):
        document = json.loads(path.read_text(encoding="utf-8"))
        if damage == "value":
            document["value"] = [[key, "Forged entry."] for key, _ in document["value"]]
        elif damage == "crc":
            document["crc"] += 1
        elif damage == "another key":
            document["key"] = document["key"].replace("apa", "mla")
        path.write_text("{" if damage == "not json" else json.dumps(document), encoding="utf-8")
    again = run_cli("export", "--style", "apa")
    assert (again.stdout, again.stderr) == (formatted.stdout, formatted.stderr) and "Forged" not in again.stdout


def test_only_the_newest_results_are_kept(run_cli: RunCli, private_cache: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remembered, "KEPT", 2)
    for fmt in ("text", "html", "markdown"):
        assert run_cli("export", "--style", "apa", "--format", fmt).code == 0
    assert len(_rendered_files(private_cache)) == 2


def test_a_cache_that_cannot_be_written_still_formats(tmp_path: Path, run_cli: RunCli) -> None:
    formatted = run_cli("export", "--style", "apa")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    again = run_cli("export", "--style", "apa", env={"NC_FACTS_CACHE_DIR": str(blocker / "cache")})
    assert (again.code, again.stdout) == (0, formatted.stdout)

"""README's desk section is a transcript: each command in it, run in order, prints what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import ROOT, RunCli

# Corrections and retirements are dated the day they are made: the README shows the day it was written.
_DAY = re.compile(r"(?<=correction of )\d{4}-\d{2}-\d{2}|(?<=RETIRED on )\d{4}-\d{2}-\d{2}")


def desk_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## The desk")
    return text[start:text.index("\n## ", start + 1)]


def transcript(section: str) -> list[tuple[str, str]]:
    """Each command of the section's console blocks, with the output shown under it."""
    steps: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        command, output, continued = "", [], False
        for line in block.splitlines():
            if continued or line.startswith("$ "):
                if line.startswith("$ ") and command:
                    steps.append((command, "\n".join(output)))
                    command, output = "", []
                command += line.removeprefix("$ ").removesuffix("\\").strip() + " "
                continued = line.endswith("\\")
            else:
                output.append(line)
        steps.append((command, "\n".join(output)))
    return steps


def dated(text: str) -> str:
    return _DAY.sub("DAY", text).rstrip()


def test_the_desk_section_shows_each_command_with_its_real_output(run_cli: RunCli, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    steps = transcript(desk_section())
    assert len(steps) >= 20
    for command, shown in steps:
        words = shlex.split(command, comments=True)
        assert words[0] == "nc-facts", command
        target = None
        if ">" in words:
            words, target = words[:words.index(">")], words[words.index(">") + 1]
        result = run_cli(*words[1:])
        if target is not None:
            (tmp_path / target).write_text(result.stdout, encoding="utf-8")
            printed = result.stderr
        else:
            printed = result.stdout + result.stderr
        assert dated(printed) == dated(shown), command

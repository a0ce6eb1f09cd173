"""The interactive picker: keystrokes in, screen and result out (Textual's Pilot), and once under a real terminal."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pexpect
import pytest
from rich.console import Console, RenderableType
from textual.pilot import Pilot
from textual.widgets import Input, Static

from nc_facts import store
from nc_facts.cli.picker import PickerApp
from nc_facts.filters import make_filter
from nc_facts.picking import Choice, Finder

from conftest import ROOT, RunCli

CITATION = ("“Fransız kolonisi Yeni Kaledonya’daki bağımsızlık arayışları 17 bin kilometre uzaktan bastırılıyor "
            "[The quest for independence in the French colony of New Caledonia is being suppressed from 17,000 "
            "kilometres away],” Anadolu Ajansı, n.d., accessed July 19, 2025, https://www.aa.com.tr/tr/dunya/"
            "fransiz-kolonisi-yeni-kaledonyadaki-bagimsizlik-arayislari-17-bin-kilometre-uzaktan-bastiriliyor/"
            "3223313.")
URL = ("https://www.aa.com.tr/tr/dunya/fransiz-kolonisi-yeni-kaledonyadaki-bagimsizlik-arayislari-17-bin-kilometre-"
       "uzaktan-bastiriliyor/3223313")


def bundled_finder(limit: int = 20) -> Finder:
    return Finder(str(ROOT), make_filter(), limit)


def plain(renderable: RenderableType) -> str:
    """What a pane shows, as text 100 columns wide."""
    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False)
    console.print(renderable)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(text, str)
    return text


def pane(app: PickerApp, name: str) -> str:
    content = app.query_one(f"#{name}", Static).content
    assert not isinstance(content, str)
    return plain(content)  # type: ignore[arg-type]


def drive(app: PickerApp, steps: Callable[[Pilot[Choice | None]], Awaitable[None]]) -> Choice | None:
    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await steps(pilot)

    asyncio.run(run())
    return app.return_value


def typing(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def test_typing_with_a_typo_ranks_as_search_does_and_enter_takes_the_id() -> None:
    app = PickerApp(bundled_finder())
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[Choice | None]) -> None:
        await pilot.press(*typing("turnot 2020"))
        seen["ids"] = [result["id"] for result in app.results]
        seen["status"] = pane(app, "status")
        seen["preview"] = pane(app, "preview")
        seen["screen"] = app.export_screenshot()
        await pilot.press("enter")

    choice = drive(app, steps)
    expected = [result["id"] for result in store.search_document(str(ROOT), "turnot 2020", 20)["results"]]
    assert seen["ids"] == expected
    assert expected[0] == "referendum-2020-turnout"
    assert seen["status"].startswith(f"{len(expected)} result(s)")  # type: ignore[union-attr]
    preview = str(seen["preview"])
    assert preview.startswith("referendum-2020-turnout  statistic\n")
    assert "! IMPRECISE: 85.64 % was the provisional election-night turnout" in preview
    assert "better figure: 85.69 % turnout" in preview
    assert "[2] Anadolu Ajansı" in preview
    assert "values: 85.64 % turnout; 2020 year of the second independence referendum" in preview
    assert "dates: 2020" in preview
    screen = str(seen["screen"])  # the screen as drawn (SVG): the list beside the preview, the keys below
    assert screen.count("referendum-2020-turnout") == 2
    assert "IMPRECISE" in screen and "claim+cite" in screen
    assert choice == Choice("referendum-2020-turnout", "id")


def test_the_list_follows_each_keystroke() -> None:
    app = PickerApp(bundled_finder())
    counts: list[int] = []

    async def steps(pilot: Pilot[Choice | None]) -> None:
        counts.append(len(app.results))
        for key in typing("darmanin"):
            await pilot.press(key)
            counts.append(len(app.results))
        await pilot.press("escape")

    assert drive(app, steps) is None
    assert counts[0] == 0  # nothing typed yet
    assert counts[-1] == len(store.search_document(str(ROOT), "darmanin", 20)["results"]) > 0


def test_down_moves_to_the_second_result_and_ctrl_r_takes_its_citation() -> None:
    app = PickerApp(bundled_finder(), query="turnout")

    async def steps(pilot: Pilot[Choice | None]) -> None:
        await pilot.press("down", "ctrl+r")

    second = store.search_document(str(ROOT), "turnout", 20)["results"][1]["id"]
    assert drive(app, steps) == Choice(second, "citation")


def test_taken_text_is_the_id_the_claim_with_its_citation_or_the_citation() -> None:
    finder = bundled_finder()
    claim = "The turnout in New Caledonia's second independence referendum, in 2020, was 85.64 %."
    assert finder.taken_text(Choice("referendum-2020-turnout", "id"), "chicago") == "referendum-2020-turnout"
    assert finder.taken_text(Choice("referendum-2020-turnout", "citation"), "chicago") == CITATION
    assert finder.taken_text(Choice("referendum-2020-turnout", "claim"), "chicago") == f"{claim}\n{CITATION}"


def test_ctrl_o_opens_the_source_url() -> None:
    opened: list[str] = []
    app = PickerApp(bundled_finder(), query="turnout 2020", open_url=opened.append)
    status: list[str] = []

    async def steps(pilot: Pilot[Choice | None]) -> None:
        await pilot.press("ctrl+o")
        status.append(pane(app, "status"))
        await pilot.press("escape")

    drive(app, steps)
    assert opened == [URL]
    assert status[0].replace("\n", "").startswith(f"opened {URL}")


def test_ctrl_k_checks_the_text_typed_as_a_claim() -> None:
    app = PickerApp(bundled_finder())
    shown: list[str] = []

    async def steps(pilot: Pilot[Choice | None]) -> None:
        app.query_one("#query", Input).value = "The turnout in the 2020 referendum was 60 %"
        await pilot.pause()
        await pilot.press("ctrl+k")
        shown.extend([pane(app, "status"), pane(app, "preview")])
        await pilot.press("escape")

    drive(app, steps)
    assert shown[0].startswith("checked: refuted")
    assert shown[1].startswith("REFUTED  The turnout in the 2020 referendum was 60 %\n  the claim says 60 %;")


def test_a_query_of_punctuation_only_is_a_note_not_an_error() -> None:
    app = PickerApp(bundled_finder(), query="?!")
    status: list[str] = []

    async def steps(pilot: Pilot[Choice | None]) -> None:
        status.append(pane(app, "status"))
        await pilot.press("enter")
        status.append(pane(app, "status"))
        await pilot.press("escape")

    assert drive(app, steps) is None
    assert status[1].startswith("nothing to take: no fact is highlighted")


def test_filters_rank_as_search_with_the_same_filters(run_cli: RunCli) -> None:
    finder = Finder(str(ROOT), make_filter(kinds=["allegation"]), 5)
    expected = run_cli("search", "protests", "--kind", "allegation", "--json").json()["results"]
    assert [r["id"] for r in finder.results("protests")] == [r["id"] for r in expected]
    assert expected and all(r["kind"] == "allegation" for r in expected)


def test_no_color_reaches_the_picker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert PickerApp(bundled_finder()).no_color
    monkeypatch.delenv("NO_COLOR")
    assert not PickerApp(bundled_finder()).no_color


def test_the_command_prints_only_what_was_taken(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    import nc_facts.cli.picker as picker

    asked: list[object] = []

    def fake_picker(finder: Finder, query: str) -> Choice | None:
        asked.append((query, os.environ.get("NO_COLOR")))
        return Choice("referendum-2020-turnout", "citation") if query else None

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(picker, "run_picker", fake_picker)
    taken = run_cli("pick", "turnout", "--no-color")
    assert (taken.code, taken.stdout, taken.stderr) == (0, CITATION + "\n", "")
    left = run_cli("pick")
    assert (left.code, left.stdout) == (1, "")
    assert asked == [("turnout", "1"), ("", "1")]


def test_an_unknown_style_fails_before_the_picker_opens(run_cli: RunCli) -> None:
    result = run_cli("pick", "--style", "no-such-style-anywhere")
    assert result.code == 2
    assert result.stderr.startswith("nc-facts: error: ")
    assert result.stderr.count("\n") == 1


def test_without_a_terminal_it_refuses_with_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "nc_facts", "pick", "turnout"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, start_new_session=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == ("nc-facts: error: pick needs a terminal to draw on; "
                             "for a script, use 'nc-facts search'\n")


def test_other_commands_do_not_import_textual() -> None:
    code = ("import sys; from nc_facts.cli import main; main(['--help']); main(['show', 'referendum-2020-turnout']);"
            "sys.stdout.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.endswith("[]")


def test_under_a_real_terminal_a_typo_finds_the_fact_and_ctrl_r_takes_its_citation(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    command = 'exec "$0" -m nc_facts pick > "$1"'
    child = pexpect.spawn("sh", ["-c", command, sys.executable, str(out)], dimensions=(30, 120),
                          encoding="utf-8", timeout=60, env=dict(os.environ, TERM="xterm-256color"))
    child.expect("type to search")
    child.send("turnot 2020")
    child.expect("referendum-2020-turnout")
    child.expect("result")
    child.sendcontrol("r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert out.read_text(encoding="utf-8") == CITATION + "\n"


def test_a_keystroke_that_leaves_the_results_as_they_were_keeps_the_place_in_the_list() -> None:
    app = PickerApp(bundled_finder(), query="turnout")

    async def steps(pilot: Pilot[Choice | None]) -> None:
        await pilot.press("down", "space", "enter")

    second = store.search_document(str(ROOT), "turnout", 20)["results"][1]["id"]
    assert drive(app, steps) == Choice(second, "id")

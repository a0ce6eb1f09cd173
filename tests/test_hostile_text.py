"""Text from a base is inert: markup shown literally, escapes and bidi overrides made visible,
only http(s) links clickable, JSON unchanged.  Rendered with colour forced on, as on a terminal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nc_facts.cli import human
from nc_facts.visible import visible

from conftest import RunCli
from hostile_base import toml_string

# Everything a hostile base might try: rich markup, colour codes, a title change, a forged OSC 8
# link, screen clearing, bidi overrides and isolates, C0/C1 controls, zero-width space, emoji codes.
HOSTILE = (
    "[bold red]MARKUP[/] [link=javascript:alert(1)]click[/link] "
    "\x1b[31mRED\x1b[0m \x1b]0;TITLE\x07 \x1b]8;;https://evil.example/\x1b\\EVIL\x1b]8;;\x1b\\ "
    "\x1b[2J\x1b[H \u202eevil\u202c \u2066iso\u2069 \x07\x08\x7f\x9b31m \u200bzw :smile: \r\nend"
)
HOSTILE_URL = "https://news.example.org/x\x1b]8;;javascript:alert(1)\x07"
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")
OUR_LINK = re.compile(r"\x1b\]8;[^;\x1b\x07]*;(?P<url>[!-~]*?)\x1b\\")
LEGITIMATE_URLS = {"", "https://news.example.org/island-votes", "https://gazete.example.org/ada",
                   "https://encyclopedia.example.org/island"}


@pytest.fixture
def hostile_base(mini_base: Path) -> Path:
    facts = (mini_base / "facts.toml").read_text(encoding="utf-8")
    sources = (mini_base / "sources.toml").read_text(encoding="utf-8")
    quoted = toml_string(HOSTILE)
    facts = facts.replace('claim = "Turnout in the island\'s 2020 referendum was 85.64 %."',
                          f'claim = {toml_string("Turnout 85.64 % " + HOSTILE)}')
    facts = facts.replace('quote = "which saw a high turnout of 85.64%"', f"quote = {quoted}")
    facts = facts.replace('entities = ["Island"]', f"entities = [{quoted}]\nclaimant = {quoted}")
    facts = facts.replace('aliases = ["participation"]', f"aliases = [{quoted}]")
    facts = facts.replace('text = "The final turnout was 85.69 %."', f"text = {quoted}")
    facts = facts.replace('note = "final result"', f"note = {quoted}")
    sources = sources.replace('outlet = "Daily News"', f"outlet = {quoted}")
    sources = sources.replace('title = "Island votes again"', f"title = {quoted}\nnote = {quoted}")
    sources = sources.replace('title_en = "The island voted again"', f"title_en = {quoted}")
    sources = sources.replace('url = "https://gazete.example.org/ada"', f"url = {toml_string(HOSTILE_URL)}")
    (mini_base / "facts.toml").write_text(facts, encoding="utf-8")
    (mini_base / "sources.toml").write_text(sources, encoding="utf-8")
    return mini_base


@pytest.fixture
def colour_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TTY_COMPATIBLE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")


def assert_inert(output: str) -> str:
    """Fail if anything but our own colour codes and http(s) links reached the output; return the plain text."""
    assert OUR_SGR.search(output), "colour was not on: the test would prove nothing"
    for match in OUR_LINK.finditer(output):
        assert match.group("url") in LEGITIMATE_URLS, match.group("url")
    plain = OUR_LINK.sub("", OUR_SGR.sub("", output))
    leftovers = [ch for ch in plain if ch != "\n" and visible(ch) != ch]
    assert leftovers == [], f"raw control, format or bidi characters reached the output: {leftovers!r}"
    return plain


COMMANDS = [("search", "turnout"), ("show", "island-turnout-2020"), ("sources",), ("list",), ("timeline",),
            ("check", "Turnout in the 2020 referendum was 85.64 %.")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_hostile_text_is_inert_on_a_colour_terminal(command: tuple[str, ...], hostile_base: Path,
                                                    colour_forced: None, run_cli: RunCli) -> None:
    result = run_cli(*command, "--base", str(hostile_base))
    assert result.code == 0, result.stderr
    plain = assert_inert(result.stdout)
    # Markup is shown as written, and escapes as visible \u sequences.
    assert "[bold red]MARKUP[/] [link=javascript:alert(1)]click[/link]" in plain
    assert "\\u001b[31mRED\\u001b[0m" in plain
    assert "\\u202eevil\\u202c" in plain
    assert ":smile:" in plain


def test_colour_forced_really_adds_styles_and_links(mini_base: Path, colour_forced: None, run_cli: RunCli) -> None:
    output = run_cli("search", "turnout", "--base", str(mini_base)).stdout
    assert OUR_SGR.search(output)
    assert {m.group("url") for m in OUR_LINK.finditer(output)} >= {"https://news.example.org/island-votes"}


@pytest.mark.parametrize("command", [("sources",), ("show", "minister-allegation-2024")])
def test_a_url_with_escapes_is_shown_but_not_linked(command: tuple[str, ...], hostile_base: Path,
                                                    colour_forced: None, run_cli: RunCli) -> None:
    plain = assert_inert(run_cli(*command, "--base", str(hostile_base)).stdout)
    assert "https://news.example.org/x\\u001b]8;;javascript:alert(1)\\u0007" in plain


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_json_carries_hostile_text_unchanged(command: tuple[str, ...], hostile_base: Path, colour_forced: None,
                                             run_cli: RunCli) -> None:
    result = run_cli(*command, "--json", "--base", str(hostile_base))
    assert result.code == 0
    unsafe = [ch for ch in result.stdout if ch != "\n" and visible(ch) != ch]
    assert unsafe == [], "JSON shown on a terminal must not carry raw escapes either"
    document = result.json()
    found = json.dumps(document, ensure_ascii=False)
    assert json.dumps(HOSTILE, ensure_ascii=False)[1:-1] in found
    if command[0] == "show" and command[1] == "island-turnout-2020":
        fact = document["fact"]
        assert fact["quote"] == HOSTILE
        assert fact["claim"] == "Turnout 85.64 % " + HOSTILE
        assert fact["aliases"] == [HOSTILE]
        assert fact["citations"][0]["outlet"] == HOSTILE


def test_validate_shows_hostile_problem_text_escaped(mini_base: Path, colour_forced: None, run_cli: RunCli) -> None:
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        'source = "daily-news"', f"source = {toml_string(HOSTILE)}", 1), encoding="utf-8")
    result = run_cli("validate", "--base", str(mini_base))
    assert result.code == 2
    leftovers = [ch for ch in OUR_SGR.sub("", result.stdout) if ch != "\n" and visible(ch) != ch]
    assert leftovers == []
    assert "[bold red]MARKUP[/]" in result.stdout


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://example.org/", "HTTPS//x",
    "https://ok.example/\x1b\\", "https://ok.example/\u202e", "https://ok.example/a b", "https://ok.example/\x9b",
    "", None,
])
def test_only_plain_http_urls_become_links(url: str | None) -> None:
    assert human.link_style(url) == ""


@pytest.mark.parametrize("url", ["https://example.org/a?b=c&d=%20#x", "http://example.org"])
def test_http_urls_become_links(url: str) -> None:
    style = human.link_style(url)
    assert not isinstance(style, str) and style.link == url


def test_visible_escapes_every_kind_of_unsafe_character() -> None:
    assert visible("a\x1b[1mb") == "a\\u001b[1mb"
    assert visible("\u202e\u2066\u200b\ufeff\u2028") == "\\u202e\\u2066\\u200b\\ufeff\\u2028"
    assert visible("x\ud800y") == "x\\ud800y"
    assert visible("line\nnext") == "line\\nnext"
    assert human.safe("line\nnext\ttab") == "line next\\u0009tab"
    ordinary = "Nouvelle-Calédonie, Yeni Kaledonya, נעם, نعم, 🗳️ 56,7 %"
    assert visible(ordinary) == ordinary  # right-to-left scripts and emoji are not hostile


def test_json_escapes_keep_the_data() -> None:
    from nc_facts.visible import inert_text

    data = {"text": HOSTILE + "\U000e0001 tag, \ud800 lone, é ş 🗳"}
    text = inert_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert "\\udb40\\udc01" in text and "é ş 🗳" in text

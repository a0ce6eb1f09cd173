"""Every command and format, over a base whose every text field is hostile, prints nothing a terminal acts on.

The escapes base is run under a real pseudo-terminal with colour forced on, and the bytes read back are
scanned: the only escape sequences allowed are the program's own colours (SGR) and its OSC 8 links to
printable ASCII http(s) URLs.  JSON parses back to the base's data; HTML carries the base's markup as text.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from nc_facts import loader
from nc_facts.citations.csl import csl_items
from nc_facts.serialize import fact_to_dict, source_to_dict
from nc_facts.visible import visible

from conftest import RunCli
from hostile_base import ESCAPES, MARKUP, toml_string, write_hostile_base
from terminal import OUR_SGR, link_targets, raw_controls, run_in_terminal, terminal_environment

FACTS = ("island-turnout-2020", "minister-allegation-2024")
# The base's own URLs that are plain http(s): the only ones that may become links.
CLEAN_URLS = {"", "https://gazete.example.org/ada", "https://encyclopedia.example.org/island"}
STYLES = ("apa", "chicago", "mla")
TEXT_FORMATS = ("text", "markdown", "html")
DRAFT = ("# The vote\n\nTurnout in the 2020 referendum was 85.64 %. Turnout in 2020 was 75 %.\n\n"
         "The minister claimed in April 2024 that a foreign power backed the protests.\n")


def every_command(draft: Path) -> list[list[str]]:
    """Every command in every format it has: the human ones, then their --json."""
    readers = [["search", "turnout"], ["show", FACTS[0]], ["show", FACTS[1]], ["list"], ["timeline"], ["sources"],
               ["check", "Turnout in the 2020 referendum was 85.64 %."], ["check", "--file", str(draft)],
               ["validate"]]  # the valid base; a broken one below
    cites = [["cite", *FACTS, *FACTS, "--format", fmt, *notes] for fmt in TEXT_FORMATS for notes in ([], ["--notes"])]
    cites += [["cite", *FACTS, "--style", style, "--format", fmt] for style in STYLES for fmt in ("text", "html")]
    exports = [["export", "--format", fmt] for fmt in ("bibtex", "biblatex", "csl-json", "ris", "markdown", "json")]
    exports += [["export", "--style", style, "--format", fmt] for style in STYLES for fmt in TEXT_FORMATS]
    annotates = [["annotate", str(draft)], ["annotate", str(draft), "--notes"], ["annotate", str(draft), "--json"]]
    as_json = [[*command, "--json"] for command in [*readers, cites[0]]]
    as_json.append(["check", "--file", str(draft), "--jsonl"])
    as_json.append(["check", "--file", str(draft), "--format", "claimreview", "--url", "https://example.org/review"])
    return readers + cites + exports + annotates + as_json


@pytest.fixture(scope="module")
def escapes_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_base(tmp_path_factory.mktemp("escapes") / "base", ESCAPES)


@pytest.fixture(scope="module")
def markup_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_base(tmp_path_factory.mktemp("markup") / "base", MARKUP)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draft") / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def terminal_runs(escapes_base: Path, draft: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[str], int, bytes]]:
    """Each command's exit code and the bytes it put on the terminal (one interpreter runs them all)."""
    pytest.importorskip("pty", reason="needs a pseudo-terminal (POSIX)")
    home = tmp_path_factory.mktemp("home")
    commands = [[*command, "--base", str(escapes_base)] for command in every_command(draft)]
    broken = broken_base(escapes_base.parent / "broken", ESCAPES)
    commands += [["validate", "--base", str(broken)], ["validate", "--json", "--base", str(broken)]]
    results = run_in_terminal(commands, terminal_environment(home), home)
    return [(command, code, output) for command, (code, output) in zip(commands, results, strict=True)]


def broken_base(directory: Path, payload: str) -> Path:
    """The hostile base with a citation of a source key that is the payload: validate quotes it back."""
    write_hostile_base(directory, payload)
    facts = directory / "facts.toml"
    text = facts.read_text(encoding="utf-8").replace('source = "gazete-ada"', f"source = {toml_string(payload)}")
    facts.write_text(text, encoding="utf-8")
    return directory


def test_the_base_is_valid_and_hostile_everywhere(escapes_base: Path, run_cli: RunCli) -> None:
    assert run_cli("validate", "--base", str(escapes_base)).code == 0
    base = loader.load_base(escapes_base)
    texts = [base.facts[0].claim, base.facts[0].quote, base.facts[0].caveats[0].text, base.facts[0].tags[0],
             *(source.title for source in base.sources.values()), *(source.outlet for source in base.sources.values())]
    assert all(ESCAPES in text for text in texts)


def test_nothing_raw_reaches_the_terminal(terminal_runs: list[tuple[list[str], int, bytes]]) -> None:
    leaks = {}
    for command, code, output in terminal_runs:
        failed = code == 2 and not command[-1].endswith("broken")
        assert not failed and b"Traceback" not in output, (command, output.decode("utf-8", "replace")[-600:])
        raw = raw_controls(output)
        links = link_targets(output) - CLEAN_URLS
        if raw or links:
            leaks[" ".join(command[:4])] = (sorted(set(raw))[:8], sorted(links))
    assert leaks == {}


def test_colour_and_links_were_really_on(terminal_runs: list[tuple[list[str], int, bytes]]) -> None:
    # Without styling the scan above would prove nothing about the program's own escapes.
    human: dict[str, bytes] = {}
    for command, _, output in terminal_runs:
        if "--json" not in command:
            human.setdefault(command[0], output)
    assert OUR_SGR.search(human["search"]) and OUR_SGR.search(human["cite"])
    assert link_targets(human["sources"]) == CLEAN_URLS


def test_escapes_are_shown_not_dropped(terminal_runs: list[tuple[list[str], int, bytes]]) -> None:
    for command, _, output in terminal_runs:
        if command[0] == "validate" and not command[-1].endswith("broken"):
            continue  # a valid base: nothing of it is printed
        # The clipboard write is there as text (an escape, or a repr's \\x1b in validate's quotes).
        assert b"52;c;ZXZpbA==" in output, command


def base_data(base_dir: Path) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """The base's facts and sources as the JSON documents give them, straight from the loader."""
    base = loader.load_base(base_dir)
    facts = {fact.id: fact_to_dict(fact, base.sources) for fact in base.facts}
    sources = {key: source_to_dict(source) for key, source in base.sources.items()}
    return facts, sources, csl_items(base.sources.values())


def assert_escaped_json(text: str) -> Any:
    assert [ch for ch in text if ch != "\n" and visible(ch) != ch] == []
    return json.loads(text)


def test_json_escapes_and_parses_back_to_the_base(escapes_base: Path, run_cli: RunCli) -> None:
    facts, sources, csl = base_data(escapes_base)
    where = ["--base", str(escapes_base)]
    shown = assert_escaped_json(run_cli("show", FACTS[0], "--json", *where).stdout)
    assert {k: v for k, v in shown["fact"].items() if k in facts[FACTS[0]]} == facts[FACTS[0]]
    listed = assert_escaped_json(run_cli("sources", "--json", *where).stdout)
    assert {s["key"]: s for s in listed["sources"]} == sources
    exported = assert_escaped_json(run_cli("export", "--format", "json", *where).stdout)
    assert {s["key"]: s for s in exported["sources"]} == sources
    assert sorted(exported["csl"], key=lambda i: i["id"]) == sorted(csl, key=lambda i: i["id"])
    csl_json = assert_escaped_json(run_cli("export", "--format", "csl-json", *where).stdout)
    assert sorted(csl_json, key=lambda i: i["id"]) == sorted(csl, key=lambda i: i["id"])


def test_an_annotated_bibliography_file_is_escaped_too(escapes_base: Path, draft: Path, tmp_path: Path,
                                                       run_cli: RunCli) -> None:
    bibliography = tmp_path / "refs.json"
    run_cli("annotate", str(draft), "--bibliography", str(bibliography), "--base", str(escapes_base))
    items = assert_escaped_json(bibliography.read_text(encoding="utf-8"))
    assert items and all(ESCAPES in item["title"] for item in items)


class Tags(HTMLParser):
    """The elements an HTML fragment really opens."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened.append((tag, attrs))

    @classmethod
    def opened_in(cls, html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.opened


def live_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Elements other than the layout's own (lists, entries and the style's emphasis)."""
    layout = {"ul", "ol", "li", "div", "i", "b", "span", "sup", "sub", "u", "l"}
    return [(tag, attrs) for tag, attrs in Tags.opened_in(html) if tag not in layout
            or any(name not in ("class", "id", "data-fact", "style") for name, _ in attrs)]


HTML_COMMANDS = [["cite", *FACTS, *FACTS, "--format", "html", *notes] for notes in ([], ["--notes"])]
HTML_COMMANDS += [["cite", *FACTS, "--style", style, "--format", "html"] for style in STYLES]
HTML_COMMANDS += [["export", "--style", style, "--format", "html"] for style in STYLES]


@pytest.mark.parametrize("command", HTML_COMMANDS, ids=lambda c: "-".join(a for a in c if a not in FACTS))
def test_html_carries_markup_as_text(command: list[str], markup_base: Path, run_cli: RunCli) -> None:
    result = run_cli(*command, "--base", str(markup_base))
    assert result.code == 0, result.stderr
    assert live_tags(result.stdout) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in result.stdout
    assert "&lt;script&gt;" in result.stdout.replace("&lt;Script&gt;", "&lt;script&gt;")


MARKDOWN_COMMANDS = [["cite", *FACTS, *FACTS, "--format", "markdown", *notes] for notes in ([], ["--notes"])]
MARKDOWN_COMMANDS += [["export", "--format", "markdown"]]
MARKDOWN_COMMANDS += [["export", "--style", style, "--format", "markdown"] for style in STYLES]


@pytest.mark.parametrize("command", MARKDOWN_COMMANDS, ids=lambda c: "-".join(a for a in c if a not in FACTS))
def test_markdown_rendered_by_pandoc_carries_markup_as_text(command: list[str], markup_base: Path,
                                                            run_cli: RunCli) -> None:
    import shutil
    import subprocess

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("needs pandoc (.ci/run installs it)")
    result = run_cli(*command, "--base", str(markup_base))
    assert result.code == 0, result.stderr
    html = subprocess.run([pandoc, "-f", "markdown", "-t", "html"], input=result.stdout, capture_output=True,
                          text=True, timeout=60, check=True).stdout
    layout = {"ul", "ol", "li", "p", "em", "h2", "section", "hr", "a", "sup", "aside", "span"}
    opened = [tag for tag, _ in Tags.opened_in(html)]
    assert set(opened) <= layout, opened
    assert "javascript:" not in "".join(str(attrs) for _, attrs in Tags.opened_in(html))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "[click](javascript:alert(1))" in html

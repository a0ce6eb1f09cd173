"""The full-screen picker of ``nc-facts pick``, on Textual.

Textual is imported by this module alone, which only the pick command
loads, so the start-up of every other command does not pay for it.  The
screen is drawn on the terminal (/dev/tty) while stdout keeps only the
result, so ``nc-facts pick | pbcopy`` and ``$(nc-facts pick)`` work.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from rich.console import Console, Group, RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..errors import UsageError
from ..picking import Choice, Finder, Take, source_url
from .human import number_text, safe, view_fact
from .human_check import VERDICT_STYLE

Document = dict[str, Any]


class _Collector(Console):
    """A console that keeps what the views print, to show it in a pane instead of on stdout."""

    def __init__(self) -> None:
        super().__init__(highlight=False, emoji=False, markup=False)
        self.printed: list[RenderableType] = []

    def print(self, *objects: Any, **options: Any) -> None:
        self.printed.extend(objects or [Text()])


def fact_preview(fact: Document) -> RenderableType:
    """The fact whole, as ``show`` prints it, with its values listed."""
    console = _Collector()
    view_fact(console, {"fact": fact})
    values = [_value_text(value) for value in fact.get("values", [])]
    if values:
        console.print(Text("   values: " + "; ".join(values), style="dim"))
    return Group(*console.printed)


def _value_text(value: Document) -> str:
    unit = " %" if value["unit"] == "percent" else ("" if value["unit"] == "year" else f" {safe(value['unit'])}")
    approximate = "about " if value.get("approximate") else ""
    return f"{approximate}{number_text(float(value['value']), value['unit'])}{unit} {safe(value['measure'])}"


def verdict_preview(text: str, verdict: str, explanation: str) -> RenderableType:
    heading = Text(verdict.replace("_", " ").upper(), style=VERDICT_STYLE.get(verdict, "bold"))
    heading.append("  ")
    heading.append(safe(text), style="bold")
    return Group(heading, Text("  " + safe(explanation)))


def result_line(result: Document) -> Text:
    line = Text(result["id"], style="bold cyan", no_wrap=True, overflow="ellipsis")
    line.append("  " + safe(result["claim"]), style="")
    return line


class PickerApp(App[Choice | None]):
    """Type to search; the list follows each keystroke, the preview the highlighted fact."""

    CSS = """
    #status { height: 1; padding: 0 1; color: $text-muted; }
    #results { width: 2fr; height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    #preview-pane { width: 3fr; height: 1fr; border-left: solid $primary; padding: 0 1; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "take('id')", "id", priority=True),
        Binding("ctrl+t", "take('claim')", "claim+cite", priority=True),
        Binding("ctrl+r", "take('citation')", "citation", priority=True),
        Binding("ctrl+o", "open_source", "open URL", priority=True),
        Binding("ctrl+k", "check", "check claim", priority=True),
        Binding("down,ctrl+n", "move(1)", "down", show=False, priority=True),
        Binding("up,ctrl+p", "move(-1)", "up", show=False, priority=True),
        Binding("escape,ctrl+c,ctrl+q", "cancel", "quit", priority=True),
    ]

    def __init__(self, finder: Finder, query: str = "", open_url: Callable[[str], object] | None = None) -> None:
        super().__init__()
        self.finder = finder
        self.initial_query = query
        self.results: list[Document] = []
        self._previewed: str | None = None  # the id of the fact the preview shows
        self._open_url = open_url or _open_in_browser

    def compose(self) -> ComposeResult:
        yield Input(value=self.initial_query, placeholder="type words, names, figures or years", id="query",
                    select_on_focus=False)  # typing adds to the query given, as in fzf
        yield Static(id="status")
        with Horizontal():
            yield OptionList(id="results")
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", OptionList).can_focus = False
        self.query_one("#query", Input).focus()
        self.show_results(self.initial_query)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def show_results(self, query: str) -> None:
        """Rank the facts for ``query`` and show them, the first highlighted."""
        try:
            results = self.finder.results(query)
            status = self._count_text(query, results)
        except UsageError as exc:  # a query of punctuation alone, say: a note, not the end of the picker
            results, status = [], str(exc)
        self.set_status(status)
        unchanged = results and [r["id"] for r in results] == [r["id"] for r in self.results]
        self.results = results
        if unchanged:
            return  # the same list (a space typed, say): redrawing it would only cost time, and lose the place
        listing = self.query_one("#results", OptionList)
        listing.clear_options()
        listing.add_options([Option(result_line(result)) for result in self.results])
        if self.results:
            listing.highlighted = 0
        self.show_preview()

    @staticmethod
    def _count_text(query: str, results: list[Document]) -> str:
        if not query.strip():
            return "type to search"
        if not results:
            return "no fact matches"
        return f"{len(results)} result(s)"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_preview()

    def highlighted(self) -> Document | None:
        position = self.query_one("#results", OptionList).highlighted
        if position is None or position >= len(self.results):
            return None
        return self.results[position]

    def show_preview(self) -> None:
        fact = self.highlighted()
        shown = fact["id"] if fact else None
        if shown == self._previewed:
            return
        self._previewed = shown
        self.query_one("#preview", Static).update(fact_preview(fact) if fact else Text(""))

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(safe(text)))

    def action_move(self, step: int) -> None:
        listing = self.query_one("#results", OptionList)
        if self.results:
            current = listing.highlighted or 0
            listing.highlighted = max(0, min(len(self.results) - 1, current + step))

    def action_take(self, take: Take) -> None:
        fact = self.highlighted()
        if fact is None:
            self.set_status("nothing to take: no fact is highlighted")
            return
        self.exit(Choice(fact["id"], take))

    def action_open_source(self) -> None:
        fact = self.highlighted()
        url = source_url(fact) if fact else None
        if url is None:
            self.set_status("no source URL to open")
            return
        self._open_url(url)
        self.set_status(f"opened {url}")

    def action_check(self) -> None:
        text = self.query_one("#query", Input).value
        if not text.strip():
            self.set_status("type a sentence to check it as a claim")
            return
        verdict, explanation = self.finder.check(text)
        self._previewed = None  # moving in the list shows a fact again
        self.query_one("#preview", Static).update(verdict_preview(text, verdict, explanation))
        self.set_status(f"checked: {verdict.replace('_', ' ')}")

    def action_cancel(self) -> None:
        self.exit(None)


def _open_in_browser(url: str) -> bool:
    import webbrowser

    return webbrowser.open(url)


@contextmanager
def on_terminal() -> Iterator[None]:
    """Standard input, output and error on the terminal for the while, and back where they were after.

    Textual reads keys from standard input and sizes the screen from standard
    output; with both on /dev/tty, the picker works when stdout is a pipe.
    UsageError where the process has no terminal.
    """
    try:
        terminal = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise UsageError("pick needs a terminal to draw on; for a script, use 'nc-facts search'") from None
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(descriptor) for descriptor in (0, 1, 2)]
    try:
        for descriptor in (0, 1, 2):
            os.dup2(terminal, descriptor)
        yield
    finally:
        sys.stdout.flush()
        for descriptor, original in enumerate(saved):
            os.dup2(original, descriptor)
            os.close(original)
        os.close(terminal)


def run_picker(finder: Finder, query: str) -> Choice | None:
    """Run the picker on the terminal; the reader's choice, or None when they left without one."""
    with on_terminal():
        return PickerApp(finder, query).run(mouse=True)

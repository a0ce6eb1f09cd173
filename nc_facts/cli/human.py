"""Human views of result documents, rendered with rich.

Data from a base is never parsed as rich markup: it goes into ``Text``
objects, with control and bidirectional-override characters made visible,
and only http(s) URLs become links.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.text import Text

from ..visible import visible

Document = dict[str, Any]

SEVERITY_STYLE = {"wrong": "bold red", "misleading": "bold yellow", "imprecise": "yellow", "note": "cyan"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s?%?")


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with status 1 here; let the CLI's one handler decide instead.
        raise BrokenPipeError


def make_console(*, no_color: bool) -> Console:
    """A console that never interprets data: no markup, no emoji codes, no auto-highlighting.

    Colour follows the terminal, NO_COLOR and FORCE_COLOR (read by rich).  When
    stdout is not a terminal, long lines are not wrapped, so that grep and
    other tools see each line whole.
    """
    # highlight=False: rich would otherwise colour any number or URL-like text from the data on its own.
    console = _Console(no_color=no_color, highlight=False, emoji=False, markup=False)
    # Whether stdout really is a terminal, not rich's is_terminal: FORCE_COLOR makes that true for a pipe too,
    # and piped lines must stay whole (grep, and output that does not depend on a guessed width).
    console.soft_wrap = not _stdout_is_a_terminal()
    return console


def _stdout_is_a_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return False


def safe(text: str | None) -> str:
    """Text with every control, format and bidi-override character shown as an escape, newlines as spaces."""
    return visible(text, newline=" ")


_LINKABLE_URL = re.compile(r"^https?://[!-~]+$")  # printable ASCII only: nothing can leave the OSC 8 sequence


def link_style(url: str | None) -> Style | str:
    """A hyperlink style for http(s) URLs only; anything else gets "" and stays plain text."""
    if url and _LINKABLE_URL.match(url):
        return Style(link=url)
    return ""


def highlight_figures(text: str, figures: list[str]) -> Text:
    """The claim with its figures in bold."""
    rich_text = Text(safe(text))
    for match in _NUMBER.finditer(rich_text.plain):
        number = match.group().rstrip("% ").replace(",", ".")
        if number in figures:
            rich_text.stylize("bold magenta", match.start(), match.end())
    return rich_text


def _figures(fact: Document) -> list[str]:
    found = []
    for value in fact.get("values", []):
        number = float(value["value"])
        found.append(str(int(number)) if number == int(number) else f"{number:g}")
    return found


def citation_line(citation: Document, indent: str = "   ") -> Text:
    line = Text(indent)
    footnote = citation.get("footnote")
    line.append(f"[{footnote}] " if footnote else "[ref] ", style="bold")
    line.append(safe(citation.get("outlet")), style="italic")
    line.append(f", “{safe(citation.get('title'))}”")
    if citation.get("title_en"):
        line.append(f" [{safe(citation['title_en'])}]", style="dim")
    if citation.get("published"):
        line.append(f", {citation['published']}")
    if citation.get("locator"):
        line.append(f", {safe(citation['locator'])}")
    url = citation.get("url")
    if url:
        line.append(", ")
        line.append(safe(url), style=link_style(url) or "underline")
    if citation.get("accessed"):
        line.append(f" (accessed {citation['accessed']})", style="dim")
    return line


def number_text(number: float, unit: str) -> str:
    """A figure's number as people write it: 2,001,926 and 350,000,000 in full, 85.64 as given, a year as 2018."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number)) if unit == "year" else f"{int(number):,}"
    return f"{number:,.12g}"


def _figure(value: Document) -> str:
    """'76.98 % yes share in Northern Province', '2018 year of the first independence referendum'."""
    unit, measure = value["unit"], value["measure"]
    # A count needs no unit, nor does a measure that names its unit ("year of ...").
    shown_unit = " %" if unit == "percent" else "" if unit == "count" or unit in measure.split() else f" {unit}"
    number = number_text(float(value["value"]), unit)
    text = f"{'about ' if value.get('approximate') else ''}{number}{shown_unit} {measure}"
    return safe(text + (f" in {value['scope']}" if value.get("scope") else ""))


def fact_block(console: Console, fact: Document, heading: Text, *, article: bool = True) -> None:
    """A fact's claim, quote, citations, caveats and better figures; ``article`` is false for a dossier."""
    console.print(heading)
    if fact.get("retired"):
        retired = fact["retired"]
        when = f" on {retired['date']}" if retired.get("date") else ""
        console.print(Text(f"   RETIRED{when}: {safe(retired['reason'])}", style="bold magenta"))
    console.print(Text("   ") + highlight_figures(fact["claim"], _figures(fact)))
    if fact.get("quote"):
        where = f" (paragraph {fact['paragraph']})" if fact.get("paragraph") else ""
        console.print(Text(f"   “{safe(fact['quote'])}”{where}", style="dim"))
    if fact.get("claimant"):
        console.print(Text(f"   claimed by {safe(fact['claimant'])} ({fact['kind']})", style="yellow"))
    for citation in fact.get("citations", []):
        console.print(citation_line(citation))
        if citation.get("quote"):
            console.print(Text(f"       “{safe(citation['quote'])}”", style="dim"))
    if not fact.get("citations"):
        giver = "the article gives" if article else "the base gives"
        console.print(Text(f"   UNSOURCED: {giver} no source for this claim.", style="bold red"))
    if fact.get("derived"):
        console.print(Text(f"   DERIVED: {safe(fact.get('derivation'))} from {', '.join(fact['derived_from'])}",
                           style="cyan"))
    for caveat in fact.get("caveats", []):
        label = Text(f"   ! {caveat['severity'].upper()}: ", style=SEVERITY_STYLE.get(caveat["severity"], "bold"))
        label.append(safe(caveat["text"]), style="")
        if caveat.get("corrected"):
            label.append(f" (correction of {caveat['corrected']})", style="dim")
        console.print(label)
        if caveat.get("source"):
            console.print(citation_line(caveat["source"], indent="     "))
    for better in fact.get("better_values", []):
        line = Text("   better figure: ", style="green")
        line.append(_figure(better), style="bold green")
        if better.get("note"):
            line.append(f" ({safe(better['note'])})")
        if better.get("corrected"):
            line.append(f" (correction of {better['corrected']})", style="dim")
        console.print(line)
        console.print(citation_line(better["source"], indent="     "))


def view_search(console: Console, document: Document) -> None:
    if document["unmatched"]:
        console.print(Text(f"no fact holds: {safe(', '.join(document['unmatched']))}", style="dim"))
    for rank, result in enumerate(document["results"], start=1):
        heading = Text(f"{rank}. ", style="bold")
        heading.append(result["id"], style="bold cyan")
        heading.append(f"  {result['kind']}  score {result['score']:.2f}", style="dim")
        fact_block(console, result, heading, article=document.get("article", True))
        console.print()


def view_fact(console: Console, document: Document) -> None:
    fact = document["fact"]
    heading = Text(fact["id"], style="bold cyan")
    heading.append(f"  {fact['kind']}", style="dim")
    fact_block(console, fact, heading, article=document.get("article", True))
    details = [
        ("figures", "; ".join(_figure(value) for value in fact["values"])),
        ("dates", ", ".join(d["date"] for d in fact["dates"])),
        ("entities", ", ".join(fact["entities"])),
        ("tags", ", ".join(fact["tags"])),
        ("aliases", ", ".join(fact["aliases"])),
    ]
    for name, value in details:
        if value:
            console.print(Text(f"   {name}: {safe(value)}", style="dim"))


def view_sources(console: Console, document: Document) -> None:
    for source in document["sources"]:
        citation = {**source, "footnote": ",".join(str(n) for n in source["footnotes"]) or None}
        console.print(citation_line(citation, indent=""))
        if not source["from_article"] and document.get("article", True):
            console.print(Text("    reference page added beside the article", style="dim"))


def view_validation(console: Console, document: Document) -> None:
    if document["valid"]:
        console.print(Text(f"ok: {safe(document['base'])} is valid", style="green"))
    for problem in document["problems"]:
        console.print(Text(safe(problem["text"])))


VIEWS: dict[str, Callable[[Console, Document], None]] = {
    "search": view_search,
    "fact": view_fact,
    "sources": view_sources,
    "validation": view_validation,
}

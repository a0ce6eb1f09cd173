"""Human views of the desk documents: list, timeline, init, added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from .human import SEVERITY_STYLE, safe

Document = dict[str, Any]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
DATE_COLUMN = 16  # "19 September 2024" fits


def date_label(iso: str) -> str:
    """'1774', 'November 2022' or '19 July 2025': as precise as the date is, no more."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTH_NAMES[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _flags(fact: Document) -> Text:
    flags = Text()
    if fact.get("retired"):
        flags.append("  RETIRED", style="bold magenta")
    if not fact["citations"]:
        flags.append("  UNSOURCED", style="bold red")
    if fact["derived"]:
        flags.append("  DERIVED", style="cyan")
    for severity in dict.fromkeys(caveat["severity"] for caveat in fact["caveats"]):
        flags.append(f"  {severity.upper()}", style=SEVERITY_STYLE.get(severity, "bold"))
    return flags


def view_list(console: Console, document: Document) -> None:
    for fact in document["facts"]:
        heading = Text(fact["id"], style="bold cyan")
        heading.append(f"  {fact['kind']}", style="dim")
        dates = ", ".join(date_label(d["date"]) for d in fact["dates"])
        if dates:
            heading.append(f"  {dates}", style="dim")
        heading.append_text(_flags(fact))
        console.print(heading)
        console.print(Text("   " + safe(fact["claim"])))
    if document["facts"]:
        console.print(Text(f"{document['count']} fact(s)", style="dim"))


def short_citation(citation: Document) -> Text:
    """'[2] Anadolu Ajansı (aa-new-caledonia)': enough to know who says it; 'show ID' has the rest."""
    footnote = citation.get("footnote")
    line = Text(f"[{footnote}] " if footnote else "[ref] ", style="bold")
    line.append(safe(citation.get("outlet")), style="italic")
    line.append(f" ({safe(citation['source'])})", style="dim")
    return line


def view_timeline(console: Console, document: Document) -> None:
    from rich.table import Table

    rows = [(Text(date_label(entry["date"])), _timeline_lines(entry["fact"])) for entry in document["entries"]]
    if console.soft_wrap:  # not a terminal: nothing wraps (as in every view), so grep sees each claim whole
        indent = " " * (DATE_COLUMN + 2)
        for date, lines in rows:
            date.stylize("bold")
            console.print(date.append(" " * (DATE_COLUMN + 2 - len(date))).append_text(lines[0]))
            for line in lines[1:]:
                console.print(Text(indent).append_text(line))
        return
    # A grid gives claims a hanging indent under their date when they wrap.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold", min_width=DATE_COLUMN)
    grid.add_column()
    for date, lines in rows:
        grid.add_row(date, Text("\n").join(lines))
    console.print(grid)


def _timeline_lines(fact: Document) -> list[Text]:
    """The claim, then its id and flags, then one line per citation."""
    labels = Text(fact["id"], style="dim cyan")
    labels.append_text(_flags(fact))
    return [Text(safe(fact["claim"])), labels, *(short_citation(citation) for citation in fact["citations"])]


def view_init(console: Console, document: Document) -> None:
    for path in document["created"]:
        console.print(Text(f"created {safe(path)}", style="green"))
    console.print(Text(f"next: nc-facts add-source --base {safe(document['base'])}", style="dim"))


def view_added(console: Console, document: Document) -> None:
    entry = document["entry"]
    name = f"fact {entry['id']}" if document["added"] == "fact" else f"source {entry['key']}"
    console.print(Text(f"added {safe(name)} to {safe(document['file'])}", style="green"))


def view_revised(console: Console, document: Document) -> None:
    entry = document["entry"]
    name = f"fact {entry['id']}" if document["kind"] == "fact" else f"source {entry['key']}"
    files = ", ".join(document["files"]) or "no file (nothing differed)"
    console.print(Text(f"{document['action']} {safe(name)} in {safe(files)}", style="green"))
    if entry.get("retired"):
        console.print(Text(f"   reason: {safe(entry['retired']['reason'])}", style="dim"))
    if document["also_changed"]:
        console.print(Text(f"   references removed from: {safe(', '.join(document['also_changed']))}", style="yellow"))


def view_imported(console: Console, document: Document) -> None:
    verb = "would add" if document["dry_run"] else "added"
    for source in document["added"]:
        console.print(Text(f"{verb} {safe(source['key'])}: {safe(source['title'])}", style="green"))
    for duplicate in document["duplicates"]:
        console.print(Text(f"already in the base: {safe(duplicate['entry'])} (same {duplicate['by']} as "
                           f"{safe(duplicate['existing'])})", style="yellow"))
    for skipped in document["skipped"]:
        console.print(Text(f"skipped {safe(skipped['entry'])}: {safe(skipped['reason'])}", style="red"))
    console.print(Text(f"{len(document['added'])} {verb}, {len(document['duplicates'])} already in the base, "
                       f"{len(document['skipped'])} skipped", style="dim"))


VIEWS: dict[str, Callable[[Console, Document], None]] = {
    "list": view_list,
    "timeline": view_timeline,
    "init": view_init,
    "added": view_added,
    "revised": view_revised,
    "imported": view_imported,
}

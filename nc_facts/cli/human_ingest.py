"""The human view of an ingest draft: its sources, then its facts by paragraph."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from .human import number_text, safe

Document = dict[str, Any]


def _source_line(entry: Document) -> Text:
    source = entry["source"]
    numbers = ", ".join(f"[{n}]" for n in source["footnotes"]) or "[-]"
    line = Text(f"{numbers} ", style="bold")
    line.append(safe(source["key"]), style="bold cyan")
    line.append(f"  {safe(source['outlet'])}", style="italic")
    line.append(f"  “{safe(source['title'])}”  {source['language']}")
    if source["accessed"]:
        line.append(f"  accessed {source['accessed']}", style="dim")
    for repeat in entry["repeats"]:
        line.append(f"  [{repeat['footnote']}] repeats [{repeat['of']}]", style="dim")
    line.append("  new" if entry["new"] else "  in the base", style="green" if entry["new"] else "dim")
    return line


def _fact_lines(fact: Document) -> list[Text]:
    heading = Text(f"¶{fact['paragraph']} ", style="dim")
    heading.append(f"[{fact['footnote']}] " if fact["sourced"] else "UNSOURCED ",
                   style="bold" if fact["sourced"] else "bold red")
    heading.append(safe(fact["id"]), style="bold cyan")
    heading.append(f"  {fact['kind']}", style="dim")
    if fact["claimant"]:
        heading.append(f"  by {safe(fact['claimant'])}", style="dim")
    details = [d["date"] for d in fact["dates"]] + [
        f"{number_text(float(v['value']), v['unit'])} {v['unit']} ({v['measure']})" for v in fact["values"]]
    if details:
        heading.append("  " + "; ".join(details), style="dim")
    if not fact["new"]:
        heading.append("  in the base", style="dim")
    return [heading, Text("   “" + safe(fact["quote"]) + "”")]


def view_ingest(console: Console, document: Document) -> None:
    console.print(Text("Sources", style="bold underline"))
    for source in document["sources"]:
        console.print(_source_line(source))
    console.print(Text("Facts", style="bold underline"))
    for fact in document["facts"]:
        for line in _fact_lines(fact):
            console.print(line)
    for left in document.get("left_out", []):
        console.print(Text(f"¶{left['paragraph']} left out ({left['reason']}): ", style="dim")
                      + Text("“" + safe(left["quote"]) + "”", style="dim"))
    for note in document["notes"]:
        console.print(Text("note: " + safe(note), style="yellow"))
    counts = document["counts"]
    verb = "written" if document["written"] else "to write with --write"
    console.print(Text(f"{counts['new_sources']} new source(s) of {counts['sources']}, {counts['new_facts']} new "
                       f"fact(s) of {counts['facts']} ({counts['unsourced']} unsourced), {counts['left_out']} "
                       f"sentence(s) left out; {verb}", style="dim"))


VIEWS = {"ingest": view_ingest}

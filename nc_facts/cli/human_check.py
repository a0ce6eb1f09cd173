"""Human views of check documents: the verdict, why, and the facts it rests on."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from .human import Document, fact_block, safe

VERDICT_STYLE = {"supported": "bold green", "refuted": "bold red", "not_enough_info": "bold yellow"}
MATCH_MARK = {"agrees": "✓", "disagrees": "✗", "unknown": "?"}


def view_check(console: Console, document: Document, *, article: bool | None = None) -> None:
    heading = Text(f"{document['label'].upper()}", style=VERDICT_STYLE[document["verdict"]])
    heading.append("  ")
    heading.append(safe(document["claim"]), style="bold")
    console.print(heading)
    console.print(Text("  " + safe(document["explanation"])))
    for item in document["evidence"]:
        mark = Text(f"  {MATCH_MARK[item['match']]} ", style="bold")
        mark.append(item["fact"]["id"], style="bold cyan")
        mark.append(f"  {item['role']}" + ("  derived" if item["derived"] else ""), style="dim")
        fact_block(console, item["fact"], mark, article=document.get("article", True) if article is None else article)


def view_check_file(console: Console, document: Document) -> None:
    """Each sentence's verdict as it comes (a streamed draft's checks are read as they are made), then the counts."""
    for check in document["checks"]:
        view_check(console, check, article=document.get("article", True))
        console.print()
        console.file.flush()
    counts = document["counts"]  # of a streamed draft, known only now
    console.print(Text(f"{sum(counts.values())} sentence(s): {counts['supported']} supported, "
                       f"{counts['refuted']} refuted, {counts['not_enough_info']} not enough info", style="bold"))


VIEWS: dict[str, Callable[[Console, Document], None]] = {"check": view_check, "check_file": view_check_file}

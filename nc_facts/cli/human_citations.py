"""Human view of cited work: numbered notes, then the bibliography."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from .human import safe

Document = dict[str, Any]


def view_cite(console: Console, document: Document) -> None:
    for note in document["notes"]:
        marker = f"{note['number']}. " if document["numbered"] else f"{note['fact']}: "
        line = Text(marker, style="bold")
        line.append(safe(note["text"]), style="red" if note["position"] == "unsourced" else "")
        console.print(line, soft_wrap=True)
    if document["bibliography"]:
        console.print()
        console.print(Text("Bibliography", style="bold"))
        for entry in document["bibliography"]:
            console.print(Text(safe(entry["text"])), soft_wrap=True)


VIEWS: dict[str, Callable[[Console, Document], None]] = {"cite": view_cite}

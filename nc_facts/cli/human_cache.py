"""Human view of the cache commands' documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from .human import safe


def view_cache(console: Console, document: dict[str, Any]) -> None:
    console.print(Text(f"index directory: {safe(document['cache'])}"))
    for path in document["files"]:
        console.print(Text(f"  {safe(path)}"))
    if document["removed"]:
        console.print(Text(f"removed {len(document['removed'])} file(s)"))


VIEWS: dict[str, Callable[[Console, dict[str, Any]], None]] = {"cache": view_cache}

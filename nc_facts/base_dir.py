"""Which base a command reads, spelled as ``loader.resolve_base_dir`` spells it, without pathlib or the loader.

The commands that answer from the index import as little as they can; these
few lines are all they need of the loader's choice of a base.
"""

from __future__ import annotations

import os
import sys

BASE_FILES = ("facts.toml", "sources.toml")


def base_dir_text(base: str | None) -> str:
    """``str(loader.resolve_base_dir(base))``: --base, else $NC_FACTS_BASE, else the bundled base."""
    if base:
        return _pure_path(base)
    from_env = os.environ.get("NC_FACTS_BASE", "")
    if from_env:
        return _pure_path(from_env)
    package = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(package, "data"), os.path.dirname(package)):
        if all(os.path.isfile(os.path.join(candidate, name)) for name in BASE_FILES):
            return candidate
    return os.path.join(package, "data")


def _pure_path(text: str) -> str:
    """``str(pathlib.Path(text))``: pathlib drops empty and "." parts and keeps ".."."""
    if sys.platform == "win32":  # pragma: no cover - Windows paths have drives; let pathlib spell them
        from pathlib import Path

        return str(Path(text))
    root = "//" if text.startswith("//") and not text.startswith("///") else ("/" if text.startswith("/") else "")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    return (root + "/".join(parts)) or "."

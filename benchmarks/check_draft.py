#!/usr/bin/env python3
"""Time ``nc-facts check --file`` on a 200-sentence draft, beside Python's own start.

    .venv/bin/python benchmarks/check_draft.py [--runs 7] [--sentences 200] [--base DIR]

The draft is made from the base itself: each fact's claim as written, then
the same claim with its first year moved by one (a sentence the checker must
refute or set aside), until the draft holds the number of sentences asked
for.  Every run is a fresh process of the installed entry point beside this
interpreter, alternately with ``python -c pass``; the table gives medians.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from run import PYTHON, compare

HERE = Path(__file__).resolve().parent
NC_FACTS = str(Path(PYTHON).with_name("nc-facts"))


def draft_from_base(base_dir: Path | None, sentences: int) -> str:
    sys.path.insert(0, str(HERE.parent))
    from nc_facts.loader import load_base

    return draft_from_claims([fact.claim for fact in load_base(base_dir).facts], sentences)


def draft_from_claims(claims: list[str], sentences: int) -> str:
    """A draft of ``sentences`` paragraphs: each claim as written, then with its first year moved by one."""
    lines: list[str] = []
    while len(lines) < sentences:
        for claim in claims:
            lines.append(claim)
            lines.append(re.sub(r"\b(1[5-9]\d\d|20\d\d)\b", lambda m: str(int(m.group()) + 1), claim, count=1))
    return "\n\n".join(lines[:sentences]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--base", type=Path, default=None, help="a base directory (default: the bundled base)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / "draft.md"
        draft.write_text(draft_from_base(args.base, args.sentences), encoding="utf-8")
        env = {"PATH": "/usr/bin:/bin", "NC_FACTS_CACHE_DIR": str(Path(scratch) / "cache"), "LANG": "C.UTF-8"}
        if args.base is not None:
            env["NC_FACTS_BASE"] = str(args.base.resolve())
        results = compare({
            "python -c pass": [PYTHON, "-c", "pass"],
            f"check --file ({args.sentences} sentences)": [NC_FACTS, "check", "--file", str(draft), "--json"],
        }, args.runs, env)
    base_seconds = results["python -c pass"].seconds
    for name, result in results.items():
        print(f"{name:36} {result.seconds:7.3f} s  {result.seconds / base_seconds:6.1f}x  {result.rss:6.1f} MiB "
              f"{result.failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

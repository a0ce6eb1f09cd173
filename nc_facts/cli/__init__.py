"""The command line: parse options, call the core, hand results to one renderer.

Errors raised by the core arrive here as named exceptions and leave as one
line on stderr and the exit code ``ExitCode`` gives them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import ExitCode, NcFactsError
from .fast import parse_search, run_search


def _register_commands() -> None:
    from .commands import cache, citations, desk, facts  # noqa: F401  (importing registers their commands)
    from .commands.check import check as _check  # noqa: F401  (registers the check command)


def _quiet_broken_pipe() -> None:
    # The reader went away (``| head``): send what is left to /dev/null so that
    # Python's own flush at exit does not print a second error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        plain_search = parse_search(args)
        if plain_search is not None:
            return run_search(plain_search.query, plain_search.limit, plain_search.base, plain_search.json_output,
                              plain_search.no_color)
        from .app import app

        _register_commands()
        app(args=args, prog_name="nc-facts", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else ExitCode.USAGE_OR_DATA)
    except NcFactsError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        sys.stderr.write(f"nc-facts: error: {exc}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("nc-facts: interrupted\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()
        return int(ExitCode.OK)
    return int(ExitCode.OK)

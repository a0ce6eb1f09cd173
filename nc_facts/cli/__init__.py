"""The command line: parse options, call the core, hand results to one renderer.

Errors raised by the core arrive here as named exceptions and leave as one
line on stderr and the exit code ``ExitCode`` gives them; ``--debug`` adds
the traceback.  A closed pipe ends the run quietly, Ctrl-C with exit 130.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

from ..errors import ExitCode, NcFactsError, OutputClosedError
from ..visible import visible


def _register_commands() -> None:
    from .commands import citations, desk, facts  # noqa: F401  (importing registers their commands)
    from .commands.check import check as _check  # noqa: F401  (registers the check command)


def _quiet_broken_pipe() -> None:
    # The reader went away (``| head``): send what is left to /dev/null so that
    # Python's own flush at exit does not print a second error.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (tests capture it)
        pass


def error_line(exc: BaseException) -> str:
    """The one line an error prints: newlines and escape sequences in it made visible."""
    return f"nc-facts: error: {visible(str(exc))}\n"


def _run(args: list[str]) -> int:
    from .. import loader
    from .app import app
    from .output import message

    _register_commands()
    loader.set_large_file_notice(message)
    try:
        app(args=args, prog_name="nc-facts", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else ExitCode.USAGE_OR_DATA)
    else:
        status = ExitCode.OK
    # Flush here, not at interpreter exit, so that a closed pipe is seen where it is handled.
    sys.stdout.flush()
    return int(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        return _run(args)
    except (BrokenPipeError, OutputClosedError):
        _quiet_broken_pipe()
        return int(ExitCode.OK)
    except NcFactsError as exc:
        if debug:
            traceback.print_exc()
        sys.stderr.write(error_line(exc))
        return int(exc.exit_code)
    except KeyboardInterrupt:
        if debug:
            traceback.print_exc()
        sys.stderr.write("nc-facts: interrupted\n")
        return int(ExitCode.INTERRUPTED)

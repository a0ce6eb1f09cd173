"""The command line: parse options, call the core, hand results to one renderer.

Errors raised by the core arrive here as named exceptions and leave as one
line on stderr and the exit code ``ExitCode`` gives them; ``--debug`` adds
the traceback.  Click's own usage errors are put on one line the same way.
A closed pipe ends the run quietly, Ctrl-C with exit 130 (at a prompt too);
closed standard streams, a narrow encoding and an absurd terminal width are
made harmless first (``streams``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import ExitCode, NcFactsError, OutputClosedError
from ..visible import visible
from .fast import parse_command

# Importing a module registers its commands; help lists them in this order.
_COMMAND_MODULES = ("facts", "pick", "check", "annotate", "desk", "revise", "ingest", "citations", "cache")


def _register_commands() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__package__}.commands.{name}")


def error_line(exc: BaseException | str) -> str:
    """The one line an error prints: newlines and escape sequences in it made visible."""
    return f"nc-facts: error: {visible(str(exc))}\n"


JSON_FORMATS = frozenset({"json", "csl-json", "claimreview"})  # --format values whose output is JSON


def _wants_json(args: Sequence[str]) -> bool:
    """Whether the command was asked for JSON, so that its failure is JSON too.

    ``--json``, ``--jsonl``, or a ``--format`` (``-F``) that prints JSON:
    ``export --format json``, ``check --format claimreview``.
    """
    for arg, following in zip(args, [*args[1:], ""], strict=True):
        if arg == "--":
            return False
        if arg in ("--json", "--jsonl") or _format_value(arg, following) in JSON_FORMATS:
            return True
    return False


def _format_value(arg: str, following: str) -> str:
    """The value ``arg`` gives --format (``--format json``, ``--format=json``, ``-F json``, ``-Fjson``), or ''."""
    if arg in ("--format", "-F"):
        return following
    for prefix in ("--format=", "-F"):
        if arg.startswith(prefix):
            return arg[len(prefix):]
    return ""


def report_error(exc: BaseException | str, exit_code: int, args: Sequence[str]) -> int:
    """The one line on stderr, and for a JSON run the error document on stdout; returns ``exit_code``."""
    sys.stderr.write(error_line(exc))
    if _wants_json(args):
        from .output import error_document, write_error_json

        write_error_json(error_document(visible(str(exc)), exit_code, getattr(exc, "problems", None) or ()))
    return exit_code


def _run_app(args: list[str]) -> int:
    import click

    from .. import editing, loader
    from .app import app
    from .output import message

    _register_commands()
    loader.set_large_file_notice(message)
    editing.set_lock_wait_notice(message)
    try:
        # standalone_mode=False: Click returns exit codes and raises its errors here, where they
        # become one line like every other error, instead of a multi-line box.
        result = app(args=args, prog_name="nc-facts", standalone_mode=False)
    except click.UsageError as exc:
        reason = exc.format_message()
        if reason:  # empty when a command was run with no arguments: Click has printed its help instead
            command = exc.ctx.command_path if exc.ctx else "nc-facts"
            return report_error(f"{reason} (see '{command} --help')", int(ExitCode.USAGE_OR_DATA), args)
        return int(ExitCode.USAGE_OR_DATA)
    except click.ClickException as exc:
        return report_error(exc.format_message(), int(ExitCode.USAGE_OR_DATA), args)
    except click.Abort as exc:
        # Click turns both Ctrl-C and the end of input at a prompt into Abort; the first is still its context.
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        sys.stderr.write("nc-facts: aborted\n")
        return int(ExitCode.USAGE_OR_DATA)
    except SystemExit as exc:  # shell completion exits on its own, and rich's help when its reader has gone
        if isinstance(exc.__context__, BrokenPipeError):
            raise OutputClosedError from None
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else int(ExitCode.USAGE_OR_DATA))
    if result == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into this code itself; say so as main does
        sys.stderr.write("nc-facts: interrupted\n")
    return result if isinstance(result, int) else int(ExitCode.OK)


def _run(args: list[str]) -> int:
    read_command = parse_command(args)
    status = read_command.run() if read_command is not None else _run_app(args)
    # Flush here, not at interpreter exit, so that a closed pipe is seen where it is handled.
    sys.stdout.flush()
    return status


class _QuickExit:
    """An exit handler that ends the process with ``status`` without tearing the interpreter down."""

    def __init__(self) -> None:
        self.status: int | None = None

    def __call__(self) -> None:
        if self.status is None:  # main did not return (a bug's traceback): end as Python always does
            return
        for stream in (sys.stdout, sys.stderr):
            if stream is None:  # started with the stream closed
                continue
            try:
                stream.flush()
            except (OSError, ValueError):
                return  # output could not be delivered: let Python report it and exit as it always does
        os._exit(self.status)


def _started_as_the_program() -> bool:
    """Whether this process was started to run nc-facts, unwatched: the only case where it may end at once.

    Its main module is then the entry point that calls ``run`` (the script an
    installer writes, or ``python -m nc_facts``), so no host program's code
    and no exit handler of a host's comes after the command; and no tracer or
    profiler (a coverage tool, whose exit handler saves its data) watches it.
    """
    if getattr(sys.modules.get("__main__"), "run", None) is not run:
        return False
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return False
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12 and later: tools such as coverage's
    return monitoring is None or all(monitoring.get_tool(tool) is None for tool in range(6))


def run() -> int:
    """The ``nc-facts`` program (and ``python -m nc_facts``): ``main``, then a quick end.

    Tearing the interpreter down (freeing every module, a last garbage
    collection) takes about 15 ms after a search that took 70, for memory the
    operating system takes back anyway.  The handler that skips it is
    registered before the command runs, so every exit handler registered
    after it (by anything the command loaded) still runs first; it is not
    registered at all when the process was not started as the program (a
    host program imported this entry point) or a tracer watches it (a
    coverage tool, whose handler came first and would run after it).  Every
    file the project writes is closed before its command returns, and output
    is flushed; when flushing fails, Python ends as usual and reports it.
    This is for the program only: code that wants an exit code calls
    ``main``, which ends nothing (the tests do).
    """
    import atexit

    quick_exit = _QuickExit()
    if _started_as_the_program():
        atexit.register(quick_exit)
    quick_exit.status = main()
    return quick_exit.status


def _wants_debug(args: Sequence[str]) -> bool:
    """Whether ``--debug`` is among the options before the command (a query or claim may say "--debug")."""
    for arg in args:
        if arg == "--debug":
            return True
        if arg == "--" or not arg.startswith("-"):
            return False
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising SystemExit."""
    from . import streams

    streams.prepare()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = _wants_debug(args)
    try:
        return _run(args)
    except (BrokenPipeError, OutputClosedError):
        streams.discard_stdout()
        return int(ExitCode.OK)
    except NcFactsError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        return report_error(exc, int(exc.exit_code), args)
    except KeyboardInterrupt:
        if debug:
            import traceback

            traceback.print_exc()
        sys.stderr.write("nc-facts: interrupted\n")
        return int(ExitCode.INTERRUPTED)

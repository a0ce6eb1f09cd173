"""Exit codes and the exceptions the core raises.

Every failure a user can cause is one of these classes; the CLI turns them
into a one-line message and an exit code in a single place.
"""

from __future__ import annotations

import enum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .problems import Problem


class ExitCode(enum.IntEnum):
    """Exit codes of every command, documented in README.md."""

    OK = 0
    NOT_FOUND = 1  # search: nothing matched; check: refuted
    USAGE_OR_DATA = 2  # bad arguments, or a base that fails to load or validate
    NOT_ENOUGH_INFO = 3  # check: the base does not cover the claim
    INTERRUPTED = 130  # Ctrl-C


class NcFactsError(Exception):
    """Base class of every error the project raises on purpose."""

    exit_code: ExitCode = ExitCode.USAGE_OR_DATA


class UsageError(NcFactsError):
    """The caller asked for something that cannot be done (empty query, unknown id...)."""


class BaseNotFoundError(NcFactsError):
    """The base directory or one of its two files is missing or unreadable."""


class BaseInvalidError(NcFactsError):
    """The base failed to load or validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid base"
        more = f" (and {len(problems) - 1} more problem(s); run 'nc-facts validate')" if len(problems) > 1 else ""
        super().__init__(first + more)


class OutputClosedError(NcFactsError):
    """The reader of our output went away (``nc-facts search x | head -1``): stop quietly.

    Not a failure: the reader had what it wanted, so the exit code is 0.
    """

    exit_code = ExitCode.OK


class DraftError(UsageError):
    """A draft that cannot be read as text (a NUL character, bytes that are not UTF-8), or too large to hold."""


class OutputFailedError(NcFactsError):
    """stdout could not be written (a full disk, an I/O error): the result did not reach its reader."""


class UnknownFactError(UsageError):
    """A fact id that the base does not hold."""

    def __init__(self, fact_id: str, suggestions: list[str] | None = None) -> None:
        self.fact_id = fact_id
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no fact with id {fact_id!r}{hint}")


class CacheError(NcFactsError):
    """The search index's cache directory cannot be listed, an entry of it cannot be removed, or the checker's
    saved view is found damaged while a check reads it."""


class BaseWriteError(NcFactsError):
    """The file system refused an edit: a directory that cannot be made, a file or lock that cannot be written."""


class EntryRejectedError(BaseInvalidError):
    """An added or edited entry would make the base invalid; nothing was written.

    The lines named are those of the file as it would have been (the file on
    disk is unchanged), and every problem is named: ``validate`` would find
    none of them in the unchanged file.
    """

    def __str__(self) -> str:
        # One entry makes few problems (the base was valid before it): all of them fit on the line.
        shown = "; also: ".join(str(problem) for problem in self.problems)
        return f"not written, the file is unchanged; in the file as it would be: {shown}"


class ImportFileError(NcFactsError):
    """A file to import sources from cannot be read or is not in the format it claims."""


class EditNotPlacedError(NcFactsError):
    """An edit of an existing entry could not be placed in its file exactly; nothing was written."""


class CitationEngineError(NcFactsError):
    """The installed citeproc-py is not one our corrections to it were written for."""


def __getattr__(name: str) -> object:
    # Problem lived here before it moved to ``problems`` (which needs typing); old imports keep working.
    if name == "Problem":
        from .problems import Problem

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The one place that turns a command's result document into output.

Every command builds a JSON-ready document and hands it to ``emit`` with a
view name.  ``--json`` prints the document as it is; otherwise the human
view of that name renders it with rich.  Rich is imported only on the human
path, so scripts do not pay for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

from .. import indented_json
from ..errors import OutputClosedError, OutputFailedError
from ..streamed import StreamedDocument
from ..visible import inert_text, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any


class OutputOptions:
    """How this run prints: JSON for scripts, or rich text for people."""

    # A plain class: a NamedTuple would load typing, and a dataclass inspect, on the plain search.
    __slots__ = ("json", "jsonl", "no_color", "pager")

    def __init__(self, json: bool = False, jsonl: bool = False, no_color: bool = False, pager: bool = False) -> None:
        self.json, self.jsonl, self.no_color, self.pager = json, jsonl, no_color, pager


def json_text(document: Any, indent: int | None = None, *, one_of_many: bool = False) -> str:
    """``document`` as JSON text that stdout can carry.

    Non-ASCII text is kept readable, but control, format and bidi-override
    characters are \\u-escaped (a terminal shown the JSON must not act on
    them), and so is everything when stdout cannot encode it (a lone surrogate
    from a mis-encoded argument, an ASCII-only stream).  Either way the JSON
    parses to exactly the same data.
    """
    text = inert_text(indented_json.indented(document, one_of_many=one_of_many) if indent == 2
                      else json.dumps(document, ensure_ascii=False, indent=indent))
    return text if _encodable(text) else json.dumps(document, ensure_ascii=True, indent=indent)


def _encodable(text: str) -> bool:
    """Whether stdout's encoding can carry ``text`` as it is."""
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_json(document: Any) -> None:
    if isinstance(document, StreamedDocument):
        write_streamed_json(document)
        return
    sys.stdout.write(json_text(document, indent=2) + "\n")


def write_streamed_json(document: StreamedDocument) -> None:
    """The document as ``write_json`` prints a dict, written item by item: nothing of the list is held.

    The members known only after the list (a draft's verdict and counts) come after it.
    """
    out = sys.stdout
    out.write("{\n" + "".join(_json_member(name, value) + ",\n" for name, value in document.head.items()))
    out.write(f"  {json_text(document.key)}: [")
    written = 0
    for item in document.items:
        text = json_text(item, indent=2, one_of_many=written >= indented_json.MANY_ITEMS)
        out.write((",\n" if written else "\n") + _indented(text, "    "))
        written += 1
    out.write(("\n  ]" if written else "]") + "".join(",\n" + _json_member(name, value)
                                                     for name, value in document.tail().items()) + "\n}\n")


def _json_member(name: str, value: Any) -> str:
    """``  "name": value`` as it stands in an indented document."""
    return json_text({name: value}, indent=2)[2:-2]


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def write_jsonl(document: Any) -> None:
    sys.stdout.write(json_text(document) + "\n")
    sys.stdout.flush()


def error_document(text: str, exit_code: int, problems: Sequence[Any] = ()) -> dict[str, Any]:
    """The JSON a failing ``--json``/``--jsonl`` command prints: the stderr line's text and where it points.

    ``problems`` (the ``Problem``s of a base that failed, or of an entry an edit refused) are listed whole,
    as ``validate`` lists them; the first gives the file, line and field, which are null where unknown.
    """
    from ..serialize import SCHEMA_VERSION, problem_to_dict

    first = problems[0] if problems else None
    where = {name: getattr(first, name, None) for name in ("file", "line", "field")}
    return {"schema_version": SCHEMA_VERSION, "error": {"message": text, **where, "exit_code": exit_code,
                                                        "problems": [problem_to_dict(p) for p in problems]}}


def write_error_json(document: dict[str, Any]) -> None:
    """Print an error document on stdout, on one line; a closed stdout loses it quietly (stderr has the line)."""
    with contextlib.suppress(OSError, ValueError):
        write_jsonl(document)


def message(text: str) -> None:
    """A note for the person at the terminal: always on stderr, never mixed with data, on one inert line."""
    sys.stderr.write(f"nc-facts: {visible(text)}\n")


def quoted(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (a pasted page stays one short line)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"


def emit_formatted(text: str, is_json: bool = False) -> None:
    """Print text a formatter of the core has laid out already (BibTeX, RIS, Markdown, HTML, a draft).

    It is written as laid out, but inert: a control, bidi or invisible character from the base is
    written as a \\u escape, so neither a terminal nor a later ``cat`` of the file acts on it.  JSON
    that stdout's encoding cannot carry is \\u-escaped whole instead (the stream's own escapes would
    not be JSON).  A closed pipe ends the command quietly, as with ``emit``.
    """
    if is_json and not _encodable(text):
        text = json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n"
    with _delivered():
        sys.stdout.write(inert_text(text))
        sys.stdout.flush()


@contextlib.contextmanager
def _delivered() -> Iterator[None]:
    """Writes to stdout; a reader gone is OutputClosedError, any other failure to write OutputFailedError."""
    from .streams import discard_stdout

    try:
        yield
    except BrokenPipeError:
        raise OutputClosedError from None
    except OSError as exc:
        discard_stdout()
        raise OutputFailedError(f"cannot write the output: {exc.strerror or exc}") from None


def emit(view: str, document: dict[str, Any] | StreamedDocument, options: OutputOptions) -> None:
    """Print ``document`` as JSON, or through the human view named ``view``.

    A reader that stops reading (``| head -1``) ends the command quietly:
    the error is raised as OutputClosedError, which the CLI handles in one place.
    """
    with _delivered():
        _emit(view, document, options)
        sys.stdout.flush()


def emit_edit_report(view: str, document: dict[str, Any], options: OutputOptions) -> None:
    """``emit`` for a command that has changed files: its report failing to print does not undo the change.

    The exit code stays 0, since the entry was added (a script that retried
    on failure would add it twice); stderr says the report was lost.
    """
    try:
        emit(view, document, options)
    except OutputFailedError as exc:
        message(f"the change was written, but its report was not: {exc}")


def _emit(view: str, document: dict[str, Any] | StreamedDocument, options: OutputOptions) -> None:
    if options.jsonl:
        write_jsonl(document)
        return
    if options.json:
        write_json(document)
        return
    from . import human
    from .views import VIEWS

    console = human.make_console(no_color=options.no_color or bool(os.environ.get("NO_COLOR")))
    render: Callable[[Any, Any], None] = VIEWS[view]  # a streamed document reads as its dict does
    if options.pager:
        with console.pager(styles=True):
            render(console, document)
    else:
        render(console, document)

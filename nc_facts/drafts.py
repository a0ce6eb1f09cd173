"""A draft read as a stream, sentence by sentence, in bounded memory whatever its size.

``check --file`` may be handed a 50 MB draft, an endless pipe (``yes ... |``) or ``/dev/zero``.  Text is
read in pieces of at most ``READ_CHARS`` characters, so a file without a line break is never read whole;
a sentence longer than ``MAX_SENTENCE_CHARS`` is cut there (and said so) and the rest of it skipped, so the
text kept between two sentence ends is bounded too; a NUL character means the input is not text at all,
and stops the reading with one clear error.  The sentences are those ``claims.split_sentences`` finds in
the whole text: paragraphs end at blank lines, list items, quotations and headings stand alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from .claims import STANDALONE_LINE, paragraph_sentences
from .errors import DraftError

READ_CHARS = 65_536
MAX_SENTENCE_CHARS = 10_000
# A command that gives the draft back whole (annotate) holds it, and its sentences, in memory.
MAX_DRAFT_CHARS = 4 * 1024 * 1024
# What is kept of a sentence being skipped: enough to see its end ("85 %. The") across two pieces.
_SKIPPED_TAIL = 16

Warn = Callable[[str], None]


def text_pieces(stream: TextIO, name: str, read_chars: int = READ_CHARS) -> Iterator[tuple[int, str]]:
    """(line number, piece) for pieces of at most ``read_chars`` characters: a line, or part of a long one."""
    line = 1
    while True:
        try:
            piece = stream.readline(read_chars)
        except UnicodeDecodeError as exc:
            raise DraftError(f"{name}: line {line}: not UTF-8 text ({exc.reason})") from None
        except OSError as exc:
            raise DraftError(f"{name}: cannot read the draft: {exc.strerror or exc}") from None
        if not piece:
            return
        if "\x00" in piece:
            raise DraftError(f"{name}: line {line}: a NUL character: this is not a text draft")
        yield line, piece
        if piece.endswith("\n"):
            line += 1


class _Paragraph:
    """The paragraph being read: at most one unfinished sentence is kept of it."""

    def __init__(self, name: str, warn: Warn, max_chars: int) -> None:
        self.name, self.warn, self.max_chars = name, warn, max_chars
        self.pending = ""
        self.skipping = False  # the rest of a cut sentence is being skipped, up to its end
        self.spaced = False  # the last piece read ended in a space

    def add(self, text: str, glue: str, line: int) -> Iterator[str]:
        """The sentences ``text`` finishes; ``glue`` joins it to what came before (a space between lines)."""
        # The unfinished sentence is kept without its trailing space: a piece that ended in one is apart from the next.
        glue = glue or (" " if self.spaced else "")
        self.spaced = text[-1:].isspace()
        sentences = paragraph_sentences(f"{self.pending}{glue}{text}" if self.pending else text)
        if self.skipping:
            if len(sentences) < 2:  # the cut sentence goes on
                self.pending = sentences[0][-_SKIPPED_TAIL:] if sentences else ""
                return
            sentences, self.skipping = sentences[1:], False
        *finished, self.pending = sentences or [""]
        yield from finished
        if len(self.pending) > self.max_chars:
            yield self._cut(line)

    def _cut(self, line: int) -> str:
        self.warn(f"{self.name}: line {line}: a sentence longer than {self.max_chars:,} characters; "
                  f"checked on its first {self.max_chars:,}, the rest skipped")
        cut, self.pending, self.skipping = self.pending[:self.max_chars], self.pending[-_SKIPPED_TAIL:], True
        return cut

    def end(self) -> Iterator[str]:
        """The paragraph's last sentence, at a blank line, a line that stands alone or the end of the draft."""
        if self.pending and not self.skipping:
            yield self.pending
        self.pending, self.skipping, self.spaced = "", False, False


def draft_sentences(stream: TextIO, name: str = "-", warn: Warn | None = None, *, read_chars: int = READ_CHARS,
                    max_chars: int = MAX_SENTENCE_CHARS) -> Iterator[str]:
    """The sentences of the draft ``stream`` holds, each as soon as the text after it shows it has ended.

    ``warn`` is told of each sentence cut at ``max_chars``; DraftError for input that is not text.
    """
    paragraph = _Paragraph(name, warn or (lambda _: None), max_chars)
    at_line_start = True
    alone = False  # the line being read stands alone (a list item, a heading): it ends its paragraph
    for line, piece in text_pieces(stream, name, read_chars):
        starts_line, at_line_start = at_line_start, piece.endswith("\n")
        if starts_line:
            standalone = STANDALONE_LINE.match(piece)
            alone = standalone is not None
            if alone or not piece.strip():  # a blank line, or one that stands alone, ends the paragraph
                yield from paragraph.end()
            if piece.strip():
                yield from paragraph.add(standalone.group(1) if standalone is not None else piece, " ", line)
        else:
            yield from paragraph.add(piece, "", line)
        if alone and at_line_start:
            yield from paragraph.end()
    yield from paragraph.end()



def whole_draft(stream: TextIO, name: str = "-", max_chars: int | None = None) -> str:
    """The draft's whole text; DraftError when it is not text or longer than ``max_chars`` (read no further).

    ``max_chars`` is ``MAX_DRAFT_CHARS`` unless given, read when called.
    """
    max_chars = MAX_DRAFT_CHARS if max_chars is None else max_chars
    pieces: list[str] = []
    size = 0
    for _, piece in text_pieces(stream, name):
        size += len(piece)
        if size > max_chars:
            raise DraftError(f"{name}: the draft is longer than {max_chars:,} characters, the most annotate "
                             "holds; check --file reads a draft of any size")
        pieces.append(piece)
    return "".join(pieces)

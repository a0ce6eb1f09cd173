"""Where citeproc-py departs from the CSL 1.0.2 specification, put it right.

The published styles are rendered by citeproc-py; pandoc's citeproc is the
reference they are checked against (tests/test_citations_pandoc.py).  Two
departures are fixed inside the processor, once, when a style is first
loaded:

* Substitution (CSL 1.0.2, "Substitute"): a variable that stood in for a
  missing author is suppressed in the rest of the entry.  citeproc-py
  suppresses it only when the substitute names the variable directly, not
  when it calls a macro, so titles and outlets came out twice.
* Labels (CSL 1.0.2, "Label"): a label is printed only when its variable
  has a value; citeproc-py printed "Edition" for every newspaper article.
* Capitalising a word capitalises its first letter, not an opening
  quotation mark ("“Historic”" in title case).
* Sorting: keys are compared as Unicode text the way a reader orders them
  ("Établir" among the E's), not by code point.

Two more are fixed on the rendered text (``finish``): punctuation-in-quote
for locales that ask for it ("Title." rather than "Title".), typographic
apostrophes ("l’Arménie", as pandoc prints a straight one), a full stop or comma
after a title that already ends in "?" or "!", and quotation marks inside
data alternating with the style's own (double outside, single inside).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

_CSL_TEXT = "{http://purl.org/net/xbiblio/csl}text"
_recording: list[set[str]] = []
_installed = False


def collation_key(text: str) -> str:
    """Case- and accent-blind order, as a reader alphabetises."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (ch for ch in decomposed if not unicodedata.combining(ch) and not unicodedata.category(ch).startswith("P"))
    return "".join(kept).casefold()


def install() -> None:
    """Patch citeproc-py's model once per process."""
    global _installed
    if _installed:
        return
    import citeproc.model as model

    _patch_substitute(model)
    _patch_sort_keys(model)
    _patch_label(model)
    _patch_variable_condition(model)
    _patch_capitalize_first()
    _patch_position(model)
    _installed = True


def _patch_substitute(model: Any) -> None:
    plain_variable = model.Text._variable

    def recording_variable(self: Any, item: Any, context: Any) -> Any:
        text = plain_variable(self, item, context)
        if text and _recording:
            _recording[-1].add(self.get("variable"))
        return text

    def substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        for child in self.getchildren():
            _recording.append(set())
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            finally:
                used = _recording.pop()
            if text:
                _suppress(context if context is not None else self, child, used)
                return text
        return None

    model.Text._variable = recording_variable
    model.Substitute.render = substitute_render


def _suppress(context: Any, child: Any, used: set[str]) -> None:
    try:
        layout = context.get_layout()
    except IndexError:  # sorting renders outside any layout: nothing to suppress there
        return
    layout.repressed.setdefault(_CSL_TEXT, []).extend(sorted(used))
    if child.get("variable"):
        layout.repressed.setdefault(child.tag, []).append(child.get("variable"))


def _patch_sort_keys(model: Any) -> None:
    plain_sort_keys = model.Key.sort_keys

    def collated_sort_keys(self: Any, items: Any, context: Any) -> Any:
        # Macro keys come back as citeproc String objects, plain variables as str.
        return [collation_key(str(key)) if hasattr(key, "lower") else key
                for key in plain_sort_keys(self, items, context)]

    model.Key.sort_keys = collated_sort_keys


def _patch_label(model: Any) -> None:
    plain_process = model.Label.process

    def label_of_present_variable(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        own = self.get("variable")
        if variable is None and own and own != "locator" and own.replace("-", "_") not in item.reference:
            return None
        return plain_process(self, item, variable, *args, **kwargs)

    model.Label.process = label_of_present_variable


def _patch_variable_condition(model: Any) -> None:
    plain_condition = model.If._variable
    plain_render = model.If.render
    contexts: list[Any] = []

    def render_in_context(self: Any, item: Any, context: Any = None, *args: Any, **kwargs: Any) -> Any:
        contexts.append(context)
        try:
            return plain_render(self, item, context, *args, **kwargs)
        finally:
            contexts.pop()

    def present_unless_suppressed(self: Any, item: Any) -> Any:
        results = plain_condition(self, item)
        context = contexts[-1] if contexts and contexts[-1] is not None else self
        try:
            suppressed = context.get_layout().repressed.get(_CSL_TEXT, [])
        except IndexError:  # outside a layout (sorting): nothing is suppressed
            return results
        names = self.get("variable").split()
        return [found and name not in suppressed for found, name in zip(results, names, strict=True)]

    model.If.render = render_in_context
    model.If._variable = present_unless_suppressed


def _patch_capitalize_first() -> None:
    import citeproc.string as csl_string

    def capitalize_first_letter(self: Any) -> Any:
        for index, ch in enumerate(self):
            if ch.isalnum():
                return self.__class__(self[:index] + ch.upper() + self[index + 1:])
        return self

    csl_string.String.capitalize_first = capitalize_first_letter


_forced_position: list[str] = []
_POSITIONS_MET = {
    "first": {"first"},
    "subsequent": {"subsequent"},
    "ibid": {"subsequent", "ibid", "near-note"},
}


@contextlib.contextmanager
def position(name: str) -> Iterator[None]:
    """Render the citations inside as being at this position ("first", "subsequent", "ibid").

    The caller numbers the notes and knows what each repeats; citeproc-py's own
    tracking also counts citations it never printed.
    """
    _forced_position.append(name)
    try:
        yield
    finally:
        _forced_position.pop()


def _patch_position(model: Any) -> None:
    tracked_position = model.If._position

    def decided_position(self: Any, item: Any, context: Any) -> Any:
        if not _forced_position:
            return tracked_position(self, item, context)
        if (context if context is not None else self).xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        met = _POSITIONS_MET[_forced_position[-1]]
        return [name in met for name in self.get("position").split()]

    model.If._position = decided_position


_CLOSE_THEN_PUNCT = re.compile(r"([”’])([.,])")
# Closing quotes and the closing marks of italic/bold (Markdown, HTML) may sit between the two.
_DOUBLED_STOP = re.compile(r"([?!])((?:[”’*]|</i>|</b>)*)[.,]")
_LETTER_OR_DIGIT = re.compile(r"\w")
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def move_punctuation_into_quotes(text: str) -> str:
    return _CLOSE_THEN_PUNCT.sub(r"\2\1", text)


def drop_stop_after_question(text: str) -> str:
    return _DOUBLED_STOP.sub(r"\1\2", text)


def alternate_quotes(text: str) -> str:
    """Quotation marks by depth: double at even depth, single at odd; apostrophes left alone."""
    out: list[str] = []
    depth = 0
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if ch in "“‘" and not _LETTER_OR_DIGIT.match(before):
            out.append("“" if depth % 2 == 0 else "‘")
            depth += 1
        elif ch in "”’" and depth and not (_LETTER_OR_DIGIT.match(before) and _LETTER_OR_DIGIT.match(after)):
            depth -= 1
            out.append("”" if depth % 2 == 0 else "’")
        else:
            out.append(ch)
    return "".join(out)


def curl_apostrophes(text: str) -> str:
    return _STRAIGHT_APOSTROPHE.sub("’", text)


def finish(text: str, *, punctuation_in_quote: bool) -> str:
    text = alternate_quotes(curl_apostrophes(text))
    if punctuation_in_quote:
        text = move_punctuation_into_quotes(text)
    return drop_stop_after_question(text)

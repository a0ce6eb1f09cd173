"""Where citeproc-py departs from CSL 1.0.2 and from citeproc-js, put it right, only while we render.

citeproc-js (the processor Zotero uses) is the reference: the tests compare
every source of two bases with its output (tests/test_citations_citeproc_js.py).
The corrections inside the processor are ``PATCHES``; ``patched()`` applies
them around a rendering and restores citeproc-py as it was after, so nothing
else in the process sees a changed library.  Before applying, each patch
checks that what it replaces is still there with the parameters it was written
for, and raises CitationEngineError if citeproc-py has changed.

The rest is fixed on the rendered text (``finish``), as citeproc-js does it:
straight quotation marks in the data become the locale's, alternating with
the style's own by depth (curly ones are the data's own text and stay);
punctuation-in-quote moves a full stop or comma inside every closing mark;
a full stop after a title ending in "?" or "!" is dropped (a comma stays);
straight apostrophes become typographic; and for French items a narrow
no-break space goes before ":", ";", "!" and "?".
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import CitationEngineError

_CSL_TEXT = "{http://purl.org/net/xbiblio/csl}text"
_recording: list[set[str]] = []
_forced_position: list[str] = []
_POSITIONS_MET = {
    "first": {"first"},
    "subsequent": {"subsequent"},
    "ibid": {"subsequent", "ibid", "near-note"},
}


@dataclass(frozen=True)
class Patch:
    """One attribute of citeproc-py replaced while rendering, and why."""

    owner: str  # "module:Class"
    attribute: str
    parameters: tuple[str, ...]  # the replaced function's leading parameters, as the patch expects them
    build: Callable[[Any], Any]  # the original function -> its replacement
    upstream: str  # what citeproc-py does wrong

    def target(self) -> Any:
        module_name, class_name = self.owner.split(":")
        try:
            owner = getattr(importlib.import_module(module_name), class_name)
            original = owner.__dict__[self.attribute]
            found = tuple(inspect.signature(original).parameters)[:len(self.parameters)]
        except (ImportError, AttributeError, KeyError, TypeError, ValueError):
            raise CitationEngineError(self._changed("is gone")) from None
        if found != self.parameters:
            raise CitationEngineError(self._changed(f"now takes ({', '.join(found)})"))
        return owner

    def _changed(self, what: str) -> str:
        return (f"citeproc-py has changed: {self.owner.replace(':', '.')}.{self.attribute} {what}; "
                "nc-facts's corrections to it cannot apply (install the citeproc-py version pyproject.toml names)")


def collation_key(text: str) -> str:
    """Case- and accent-blind order, numbers by value ("5" before "24" before "2018"), markup ignored.

    citeproc-js compares sort keys with a numeric, accent-insensitive collation.
    """
    text = _TAG.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed
                   if not unicodedata.combining(ch) and not unicodedata.category(ch).startswith("P")).casefold()
    return _DIGITS.sub(lambda digits: digits.group(0).zfill(12), kept)


_TAG = re.compile(r"<[^>]+>")
_DIGITS = re.compile(r"\d+")


def _substitute_render(plain_render: Any) -> Any:
    import citeproc.model as model

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

    return substitute_render


def _recording_variable(plain_variable: Any) -> Any:
    def recording_variable(self: Any, item: Any, context: Any) -> Any:
        text = plain_variable(self, item, context)
        if text and _recording:
            _recording[-1].add(self.get("variable"))
        return text

    return recording_variable


def _suppress(context: Any, child: Any, used: set[str]) -> None:
    try:
        layout = context.get_layout()
    except IndexError:  # sorting renders outside any layout: nothing to suppress there
        return
    layout.repressed.setdefault(_CSL_TEXT, []).extend(sorted(used))
    if child.get("variable"):
        layout.repressed.setdefault(child.tag, []).append(child.get("variable"))


def _collated_sort_keys(plain_sort_keys: Any) -> Any:
    def collated_sort_keys(self: Any, items: Any, context: Any) -> Any:
        # Macro keys come back as citeproc String objects, plain variables as str.
        return [collation_key(str(key)) if hasattr(key, "lower") else key
                for key in plain_sort_keys(self, items, context)]

    return collated_sort_keys


def _label_of_present_variable(plain_process: Any) -> Any:
    def label_of_present_variable(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        own = self.get("variable")
        if variable is None and own and own != "locator" and own.replace("-", "_") not in item.reference:
            return None
        return plain_process(self, item, variable, *args, **kwargs)

    return label_of_present_variable


def _capitalize_first_letter(_plain: Any) -> Any:
    def capitalize_first_letter(self: Any) -> Any:
        for index, ch in enumerate(self):
            if ch.isalnum():
                return self.__class__(self[:index] + ch.upper() + self[index + 1:])
        return self

    return capitalize_first_letter


def _decided_position(tracked_position: Any) -> Any:
    def decided_position(self: Any, item: Any, context: Any) -> Any:
        if not _forced_position:
            return tracked_position(self, item, context)
        if (context if context is not None else self).xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        met = _POSITIONS_MET[_forced_position[-1]]
        return [name in met for name in self.get("position").split()]

    return decided_position


def _undisambiguated_condition(plain_render: Any) -> Any:
    import citeproc.model as model

    def render(self: Any, item: Any, context: Any = None, *args: Any, **kwargs: Any) -> Any:
        # We never need to disambiguate (each citation names its source): the test is false.
        if self.get("disambiguate") == "true" and self.get("match", "all") == "all":
            raise model.ConditionFailed
        return plain_render(self, item, context, *args, **kwargs)

    return render


PATCHES: tuple[Patch, ...] = (
    Patch("citeproc.model:Substitute", "render", ("self", "item", "context"), _substitute_render,
          "CSL 1.0.2 Substitute: a variable that stood in for a missing author is suppressed in the rest of the "
          "entry; citeproc-py suppresses it only when the substitute names the variable itself, not through a "
          "macro, so outlets and titles came out twice."),
    Patch("citeproc.model:Text", "_variable", ("self", "item", "context"), _recording_variable,
          "(with Substitute.render) records which variables a substitute rendered, so they can be suppressed."),
    Patch("citeproc.model:Key", "sort_keys", ("self", "items", "context"), _collated_sort_keys,
          "sorts by code point and with the output's markup in the key: 'Établir' after 'Z', '<i>B' before 'A', "
          "'2018' before '5'; citeproc-js collates accent- and case-blind, numbers by value, on the text."),
    Patch("citeproc.model:Label", "process", ("self", "item", "variable"), _label_of_present_variable,
          "CSL 1.0.2 Label: a label is printed only when its variable has a value; citeproc-py printed "
          "'Edition' for every newspaper article."),
    Patch("citeproc.string:String", "capitalize_first", ("self",), _capitalize_first_letter,
          "capitalises the first character even when it is an opening quotation mark, not the first letter."),
    Patch("citeproc.model:If", "_position", ("self", "item", "context"), _decided_position,
          "decides positions from the citations it was given, so a note without a source, which it never sees, "
          "does not break an ibid run ('ibid.' after it); the caller, who numbers the notes, decides (position())."),
    Patch("citeproc.model:If", "render", ("self", "item", "context"), _undisambiguated_condition,
          "ignores the disambiguate test, so an <if disambiguate=\"true\"> alone always holds: MLA printed "
          "'(AFP, \"Title\")' where citeproc-js gives '(AFP)'."),
)

_saved: list[tuple[Any, str, Any]] = []
_depth = 0


@contextlib.contextmanager
def patched() -> Iterator[None]:
    """citeproc-py with our corrections inside the block, as it was outside it (re-entrant)."""
    global _depth
    if _depth == 0:
        _apply()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            _restore()


def _apply() -> None:
    owners = [patch.target() for patch in PATCHES]  # every check passes before anything changes
    for patch, owner in zip(PATCHES, owners, strict=True):
        original = owner.__dict__[patch.attribute]
        _saved.append((owner, patch.attribute, original))
        setattr(owner, patch.attribute, patch.build(original))


def _restore() -> None:
    while _saved:
        owner, attribute, original = _saved.pop()
        setattr(owner, attribute, original)


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


_CLOSES_THEN_PUNCT = re.compile(r"([”’]+)([.,])")
# Closing quotes and the closing marks of italic/bold (Markdown, HTML) may sit between the two.
_STOP_AFTER_QUESTION = re.compile(r"([?!])((?:[”’*]|</i>|</b>)*)\.")
_LETTER_OR_DIGIT = re.compile(r"\w")
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_FRENCH_SPACED = re.compile(r" ([:;!?])")


def move_punctuation_into_quotes(text: str) -> str:
    return _CLOSES_THEN_PUNCT.sub(r"\2\1", text)


def drop_stop_after_question(text: str) -> str:
    return _STOP_AFTER_QUESTION.sub(r"\1\2", text)


def alternate_quotes(text: str) -> str:
    """Straight quotation marks of the data as the locale's, by depth among the curly ones around them.

    Double at even depth, single at odd; a curly mark is kept as written and only counted.
    """
    out: list[str] = []
    depth = 0
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        opens = not _LETTER_OR_DIGIT.match(before)
        closes = not _LETTER_OR_DIGIT.match(after)
        if ch in "“‘" or (ch in "'\"" and opens and not closes):
            out.append(ch if ch in "“‘" else ("“" if depth % 2 == 0 else "‘"))
            depth += 1
        elif (ch in "”’" and depth and not (not opens and not closes)) or (ch in "'\"" and depth and closes):
            depth -= 1
            out.append(ch if ch in "”’" else ("”" if depth % 2 == 0 else "’"))
        else:
            out.append(ch)
    return "".join(out)


def curl_apostrophes(text: str) -> str:
    return _STRAIGHT_APOSTROPHE.sub("’", text)


def french_spacing(text: str) -> str:
    """A narrow no-break space before high punctuation, as citeproc-js sets French items."""
    return _FRENCH_SPACED.sub("\u202f\\1", text)


def finish(text: str, *, punctuation_in_quote: bool, french: bool = False) -> str:
    text = curl_apostrophes(alternate_quotes(text))
    if french:
        text = french_spacing(text)
    if punctuation_in_quote:
        text = move_punctuation_into_quotes(text)
    return drop_stop_after_question(text)

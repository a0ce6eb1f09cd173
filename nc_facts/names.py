"""The names a base knows, and where a sentence uses them.

A base names things in two ways: declared entities (``[[entity]]`` tables,
each with its aliases, kind and what it is part of) and the plain strings of
its facts (``entities``, ``claimant``).  ``NameTable`` merges both into one
table of entities, each with every form of its name, so that "Kanaky",
"Nouvelle-Calédonie" and "New Caledonia" are one place and "Vote Leave" and
"Leave.EU" stay two organisations.

Names are matched as whole token sequences, longest first.  A capitalised
word that is no name may still be a demonym or an inflection of one
("Bougainvilleans", "Catalan", "Scots"): ``demonym_root`` strips the usual
English endings and compares roots, a general rule rather than a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from .model import Base, Fact
from .slotted import Slotted
from .text import fold, normalize, tokens

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Words that open a name without being part of it ("the French government" is France's government).
_LEADING = frozenset({"the", "a", "an", "la", "le", "les", "l"})
# The usual English endings of demonyms and adjectives of place, longest first.
_DEMONYM_ENDINGS = ("ians", "ians", "eans", "ans", "ian", "ean", "ish", "ese", "ers", "an", "er", "i", "s")
_PLACE_ENDINGS = ("land", "ia", "a", "e", "y")
MIN_ROOT = 4
MENTIONS_REMEMBERED = 4096  # texts whose names are kept; a draft names far fewer


class Entity(Slotted):
    """One thing a base names, with every form of its name (forms found later are added to it)."""

    __slots__ = ("declared", "forms", "key", "kind", "name", "part_of")

    def __init__(self, key: str, name: str, kind: str = "other", forms: set[tuple[str, ...]] | None = None,
                 part_of: str = "", declared: bool = False) -> None:
        self.key = key
        self.name = name
        self.kind = kind
        self.forms: set[tuple[str, ...]] = forms if forms is not None else set()
        self.part_of = part_of
        self.declared = declared


class Mention(NamedTuple):
    """A name found in a text: which entity, the words, and where (token positions)."""

    key: str
    text: str
    start: int
    end: int
    role: str  # "place": after a preposition of place ("in Paris", "at Balade"); otherwise "name"


def name_tokens(name: str) -> tuple[str, ...]:
    words = [t for t in tokens(normalize(name.replace("’", "'"))) if t not in ("s",)]
    while words and words[0] in _LEADING:
        words = words[1:]
    return tuple(words)


def demonym_root(word: str) -> str:
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return word[: -len(ending)]
    return word


def place_root(word: str) -> str:
    for ending in _PLACE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return word[: -len(ending)]
    return word


def roots_meet(word: str, name: str) -> bool:
    """'bougainvilleans' meets 'bougainville', 'catalan' 'catalonia', 'scottish' 'scotland'."""
    if word == name:
        return True
    a, b = demonym_root(word), place_root(name)
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_ROOT and long.startswith(short) and len(short) >= 0.6 * len(long)


class NameTable:
    """Every entity of a base by each form of its name."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._entities: dict[str, Entity] = {}
        self.entities: Mapping[str, Entity] = self._entities
        self._by_form: dict[tuple[str, ...], str] = {}
        self._mentioned: dict[tuple[str, bool], tuple[Mention, ...]] = {}
        for entity in entities:
            self._add(entity)
        self._longest = max((len(form) for form in self._by_form), default=0)
        self._single = {form[0]: key for form, key in self._by_form.items() if len(form) == 1}
        self._surnames = _surnames(self.entities.values(), self._by_form)
        self._initials = _initials(self.entities.values(), self._by_form)
        # Single names by the first letters of their root, so a capitalised word is compared with a few, not all.
        self._by_root: dict[str, list[tuple[str, str]]] = {}
        for name, key in self._single.items():
            if len(name) >= MIN_ROOT:
                self._by_root.setdefault(place_root(name)[:MIN_ROOT], []).append((name, key))

    def state(self) -> tuple[Any, ...]:
        """The table as plain values (``from_state`` makes it again without working it out)."""
        # Forms as sorted tuples, not sets: read back without hashing each, until the entity is asked for.
        rows = {e.key: (e.name, e.kind, tuple(sorted(e.forms)), e.part_of, e.declared) for e in self.entities.values()}
        return rows, self._by_form, self._longest, self._single, self._surnames, self._initials, self._by_root

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> NameTable:
        """The table ``state`` gave: each entity made when first asked for."""
        table = cls.__new__(cls)
        rows, table._by_form, table._longest, table._single, table._surnames, table._initials, table._by_root = state
        table.entities = _EntityRows(rows)
        table._mentioned = {}
        return table

    def forms(self) -> Iterable[tuple[str, ...]]:
        """Every form of every entity's name."""
        return self._by_form.keys()

    def _add(self, entity: Entity) -> None:
        entity.forms |= {_possessive(form) for form in entity.forms if "of" in form[1:-1]}
        if entity.key in self._entities:
            self._entities[entity.key].forms |= entity.forms
            for form in entity.forms:
                self._by_form.setdefault(form, entity.key)
            return
        known = next((self._by_form[f] for f in entity.forms if f in self._by_form), None)
        if known is not None and not entity.declared:
            self._entities[known].forms |= entity.forms
            for form in entity.forms:
                self._by_form.setdefault(form, known)
            return
        self._entities[entity.key] = entity
        for form in entity.forms:
            self._by_form.setdefault(form, entity.key)

    @classmethod
    def for_base(cls, base: Base) -> NameTable:
        return cls(base_entities(base))

    def key_of(self, name: str) -> str | None:
        """The entity a name (a fact's entity or claimant string) stands for."""
        form = name_tokens(name)
        if form in self._by_form:
            return self._by_form[form]
        found = list(self.mentions(name))
        return found[0].key if len(found) == 1 else None

    def keys_in(self, text: str) -> set[str]:
        return {m.key for m in self.mentions(text)}

    def keys_within(self, text: str) -> set[str]:
        """Every name in a text, those inside longer names too ("Spain" in "Senate of Spain")."""
        return {m.key for m in self.mentions(text)} | self.forms_within(text)

    def forms_within(self, text: str) -> set[str]:
        """The entities whose forms the text's words hold, in any case, inside longer names too."""
        folded = [w.folded for w in _words(text)]
        keys: set[str] = set()
        for i in range(len(folded)):
            for length in range(1, min(self._longest, len(folded) - i) + 1):
                form = tuple(folded[i:i + length])
                if form in self._by_form:
                    keys.add(self._by_form[form])
        return keys

    def whole(self, key: str) -> str:
        """The entity a part stands for as an actor ("Paris agreed" is France agreeing)."""
        entity = self.entities.get(key)
        return entity.part_of if entity is not None and entity.part_of in self.entities else key

    def related(self, a: str, b: str) -> bool:
        """One is the other, or part of it."""
        return a == b or self._ancestors(a) & {b} != set() or self._ancestors(b) & {a} != set()

    def _ancestors(self, key: str) -> set[str]:
        seen: set[str] = set()
        while key in self.entities and self.entities[key].part_of and key not in seen:
            seen.add(key)
            key = self.entities[key].part_of
        seen.add(key)
        return seen

    def mentions(self, text: str, *, any_case: bool = False) -> Iterator[Mention]:
        """Names in a text, longest first, each word in at most one name (written as names, unless any_case)."""
        # Remembered: a fact's claim and claimant are read again for each sentence of a draft they are a candidate for.
        found = self._mentioned.get((text, any_case))
        if found is None:
            if len(self._mentioned) >= MENTIONS_REMEMBERED:
                self._mentioned.clear()
            found = self._mentioned[text, any_case] = tuple(self._find_mentions(text, any_case))
        return iter(found)

    def _find_mentions(self, text: str, any_case: bool) -> Iterator[Mention]:
        words = _words(text)
        if any_case:
            # Keys and labels are written in lower case: "eu-referendum-2016" still names the EU.
            words = tuple(_Word(w.raw.upper() if len(w.folded) <= 3 else w.raw, w.folded, True) for w in words)
        folded = [w.folded for w in words]
        i = 0
        while i < len(words):
            found = self._match_at(folded, i)
            if found is None:
                key = self._demonym_at(words, i)
                if key is not None:
                    yield Mention(key, words[i].raw, i, i + 1, _role(words, i))
                i += 1
                continue
            key, length = found
            if length > 1 or words[i].capitalised or _may_be_name(words[i], key, self):
                yield Mention(key, " ".join(w.raw for w in words[i:i + length]), i, i + length, _role(words, i))
                i += length
            else:
                i += 1

    def _match_at(self, folded: list[str], i: int) -> tuple[str, int] | None:
        for length in range(min(self._longest, len(folded) - i), 0, -1):
            form = tuple(folded[i:i + length])
            if form in self._by_form:
                return self._by_form[form], length
        return None

    def _demonym_at(self, words: tuple[_Word, ...], i: int) -> str | None:
        word = words[i]
        if word.raw.isupper() and word.folded in self._initials:
            return self._initials[word.folded]
        if not word.capitalised or len(word.folded) < MIN_ROOT:
            return None
        if word.folded in self._surnames:
            return self._surnames[word.folded]
        for name, key in self._by_root.get(demonym_root(word.folded)[:MIN_ROOT], ()):
            if roots_meet(word.folded, name):
                return key
        return None


class _EntityRows(Mapping[str, Entity]):
    """A saved table's entities by key (``NameTable.state``), each made when first asked for."""

    def __init__(self, rows: Mapping[str, tuple[str, str, tuple[tuple[str, ...], ...], str, bool]]) -> None:
        self._rows = rows
        self._made: dict[str, Entity] = {}

    def __getitem__(self, key: str) -> Entity:
        made = self._made.get(key)
        if made is None:
            name, kind, forms, part_of, declared = self._rows[key]
            made = self._made[key] = Entity(key, name, kind, set(forms), part_of, declared)
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class _Word(NamedTuple):
    raw: str
    folded: str
    capitalised: bool


_RAW_WORD = re.compile(r"[^\W_]+(?:[.’'-][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[_Word, ...]:
    words: list[_Word] = []
    for match in _RAW_WORD.finditer(text.replace("’", "'")):
        raw = match.group()
        # "Azerbaijan's" is Azerbaijan; "Leave.EU" is the two words of that name, as its form has them.
        stem = re.sub(r"'s$|'$", "", raw)
        parts = re.split(r"-(?=[A-Z])|'(?=[A-Z])|\.(?=[A-Za-z])", stem) if any(c in stem for c in "-'.") else [stem]
        for part in parts:
            folded = normalize(part)
            if folded:
                words.append(_Word(part, folded, part[:1].isupper()))
    return tuple(words)


def _may_be_name(word: _Word, key: str, table: NameTable) -> bool:
    # One word that is also an ordinary word ("leave", "congress") is a name only when written as one.
    # An event's own alias is written as readers write it ("indyref").
    entity = table.entities.get(key)
    return word.capitalised or not word.raw.islower() or word.folded != word.raw.lower() or (
        entity is not None and entity.kind == "event")


def _role(words: tuple[_Word, ...], i: int) -> str:
    before = [w.folded for w in words[max(0, i - 2):i]]
    # French "à Nouméa" is a place; English "a Scottish Parliament" is an article before a name.
    french_a = i > 0 and words[i - 1].raw.lower() == "à"
    if before[-1:] in (["in"], ["at"]) or french_a or before == ["in", "the"] or before == ["at", "the"]:
        return "place"
    return "name"


def _possessive(form: tuple[str, ...]) -> tuple[str, ...]:
    """("senate", "of", "spain") is also ("spain", "senate"): "Spain's Senate" names the Senate of Spain."""
    at = form.index("of")
    return form[at + 1:] + form[:at]


_MINOR = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "et", "in"})


def _initials(entities: Iterable[Entity], by_form: dict[tuple[str, ...], str]) -> dict[str, str]:
    """A name's initials written in capitals ("EU", "UK", "PNG"), where only one name has them."""
    found: dict[str, set[str]] = {}
    for entity in entities:
        for form in entity.forms:
            words = [w for w in form if w not in _MINOR]
            if len(words) >= 2:
                found.setdefault("".join(w[0] for w in words), set()).add(entity.key)
    return {letters: next(iter(keys)) for letters, keys in found.items()
            if len(keys) == 1 and (letters,) not in by_form and len(letters) >= 2}


def _surnames(entities: Iterable[Entity], by_form: dict[tuple[str, ...], str]) -> dict[str, str]:
    """A person's family name alone ("Darmanin"), where only one person has it and it names nothing else."""
    counts: dict[str, list[str]] = {}
    for entity in entities:
        if entity.kind != "person":
            continue
        for form in entity.forms:
            # "Diana, Princess of Wales": the word after "of" is a title's place, not a family name.
            if len(form) >= 2 and form[-2] not in _MINOR:
                counts.setdefault(form[-1], []).append(entity.key)
    return {name: keys[0] for name, keys in counts.items() if len(set(keys)) == 1 and (name,) not in by_form}


def base_entities(base: Base, facts: Iterable[Fact] | None = None) -> list[Entity]:
    """The entities a base names: its declared ones, its events, and the plain names of its facts (``facts``,
    read once, when the base's own are not in memory)."""
    entities: list[Entity] = []
    for declared in base.entities:
        forms = {name_tokens(n) for n in declared.names} - {()}
        entities.append(Entity(declared.id, declared.name, declared.kind, forms, declared.part_of, True))
    strings: dict[str, str] = {}
    aliases_of: dict[str, list[tuple[str, ...]]] = {}  # each event's facts' aliases
    speakers: set[str] = set()
    for fact in base.facts if facts is None else facts:
        for name in fact.entities:
            if name_tokens(name):
                strings.setdefault(" ".join(name_tokens(name)), name)
        if fact.event:
            aliases_of.setdefault(fact.event, []).append(fact.aliases)
        if fact.claimant and not _is_body(fact.claimant):
            speakers.add(" ".join(name_tokens(fact.claimant)))
    entities += _event_entities(aliases_of)
    for folded, name in strings.items():
        kind = "person" if folded in speakers else "other"
        entities.append(Entity(f"name:{folded}", name, kind, {name_tokens(name)}))
    return entities


def _event_entities(aliases_of: dict[str, list[tuple[str, ...]]]) -> list[Entity]:
    """An event is known by the aliases most of its facts share and no other event's facts use ("indyref")."""
    used_by: dict[tuple[str, ...], set[str]] = {}
    for event, alias_lists in aliases_of.items():
        for aliases in alias_lists:
            for alias in aliases:
                used_by.setdefault(name_tokens(alias), set()).add(event)
    entities = []
    for event, alias_lists in aliases_of.items():
        counts: dict[tuple[str, ...], int] = {}
        for aliases in alias_lists:
            for form in {name_tokens(a) for a in aliases} - {()}:
                counts[form] = counts.get(form, 0) + 1
        forms = {form for form, count in counts.items()
                 if count >= max(2, len(alias_lists) / 2) and used_by[form] == {event}}
        entities.append(Entity(event, event, "event", forms))
    return entities


def _is_body(claimant: str) -> bool:
    # "the French government", "the Baku Initiative Group": a body; "Gérald Darmanin": a person.
    return fold(claimant).startswith(("the ", "a ", "an "))


def claimant_keys(table: NameTable, claimant: str) -> set[str]:
    """Who a fact's claimant is: the names inside it ("the French government" is France's), else the string."""
    if not claimant.strip():
        return set()
    keys = {table.whole(m.key) for m in table.mentions(claimant)} | {m.key for m in table.mentions(claimant)}
    return keys or {"name:" + " ".join(name_tokens(claimant))}


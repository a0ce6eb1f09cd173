"""The on-disk index seen through a filter: a search ranking only some facts, as if they were the whole base.

The in-memory filtered search (``search.find`` with a filter) indexes the
facts that pass the filter and nothing else, so a term's weight, the
vocabulary typos and prefixes meet, and the number of facts all count those
facts alone.  ``SubsetIndex`` answers ``ranking.rank``'s questions the same
way from the postings of the whole base: its positions number the chosen
facts in base order (ties go to the earlier fact, as there), a term's
postings are those among them, and a word is in its vocabulary only when one
of them holds it.  So the results are the in-memory filtered search's, read
from the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from .ranking import FUZZY_LIMIT, Vocabulary
from .search import COUNTED_WEIGHT
from .store import DiskIndex


class SubsetVocabulary(Vocabulary):
    """The words of a vocabulary that ``held`` says some chosen fact holds, in the same order."""

    def __init__(self, whole: Vocabulary, held: Callable[[str], bool]) -> None:
        super().__init__(whole.words, whole._start)
        self._held = held

    def index(self, word: str) -> int | None:
        at = super().index(word)
        return at if at is not None and self._held(word) else None

    def similar(self, term: str, limit: int | None = FUZZY_LIMIT) -> list[tuple[str, float]]:
        # The best of every close word, then those the chosen facts hold: the order of the ones kept is the
        # order a search over the chosen facts' words alone would give (best first, ties in word order).
        held = [match for match in super().similar(term, None) if self._held(match[0])]
        return held if limit is None else held[:limit]

    def prefixed(self, term: str) -> Iterator[str]:
        return (word for word in super().prefixed(term) if self._held(word))


class SubsetIndex:
    """``index`` restricted to ``chosen`` (positions of standing facts, in base order), renumbered from 0."""

    def __init__(self, index: DiskIndex, chosen: Sequence[int]) -> None:
        self._index = index
        self.chosen = chosen
        self._local = {position: local for local, position in enumerate(chosen)}
        self._postings: dict[str, dict[int, float]] = {}
        self._vocabulary: SubsetVocabulary | None = None

    @property
    def size(self) -> int:
        return max(len(self.chosen), 1)

    def _of(self, term: str) -> dict[int, float]:
        """The term's postings among the chosen facts: local position -> field weight, in position order."""
        found = self._postings.get(term)
        if found is None:
            local = self._local
            positions, weights = self._index.posting_lists(term)
            found = self._postings[term] = {local[position]: weight for position, weight in zip(positions, weights,
                                                                                             strict=True)
                                            if position in local}
        return found

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = SubsetVocabulary(self._index.vocabulary(), lambda word: bool(self._of(word)))
        return self._vocabulary

    def frequency(self, term: str) -> int:
        return len(self._of(term))

    def document_frequency(self, term: str) -> int:
        return sum(1 for weight in self._of(term).values() if weight > COUNTED_WEIGHT)

    def top_weight(self, term: str) -> float:
        return max(self._of(term).values(), default=0.0)

    def positions(self, term: str) -> Sequence[int]:
        return list(self._of(term))

    def weight_at(self, term: str, position: int) -> float:
        return self._of(term).get(position, 0.0)

    def posting_lists(self, term: str) -> tuple[list[int], list[float]]:
        postings = self._of(term)
        return list(postings), list(postings.values())

    def normalized_claim(self, position: int) -> str:
        return self._index.normalized_claim(self.chosen[position])

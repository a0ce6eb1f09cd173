"""The pruned ranking returns exactly what scoring every fact would, and its vocabulary finds every match."""

from __future__ import annotations

import heapq
import itertools
import random
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz, process

from nc_facts import load_base, ranking, store
from nc_facts.search import SearchIndex

from conftest import write_synthetic_base

QUERIES = ["2020 turnout", "darmanin", "when was the 2018 referendum", "what year did kanak vote", "how many votes",
           "no share 2018", "voted yes share 2020",
           "turnot", "referendum", "the", "96", "kanak independence 2021",
           "new caledonia", "xyzzy", "frnace", "1853", "noumea riots 2024", "2020 participation rate", "island",
           "unemployment rate 2019", "minister resigned energy", "kana", "survey approval", "rate", "rate 2019",
           "election 2019 turnout council", "ka", "inflation march", "report economy"]


def exhaustive_rank(index: Any, query: str, limit: int) -> list[ranking.Ranked]:
    """The ranking's definition, computed by scoring every fact that holds any expanded term."""
    terms = [ranking.DATE_WORD if term in ranking.TIME_WORDS and not ranking.expand(index, term) else term
             for term in ranking.query_terms(query)]
    terms = list(dict.fromkeys(terms))
    scores: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    total = 0.0
    held = [term for term in terms if ranking.expand(index, term)]  # a word no fact holds weighs nothing
    if len(held) < ranking.MIN_HELD_SHARE * len(terms):
        return []
    # Every measure of two or three words among the first words held, at a share of its weight, unshown.
    words = [term for term in held if not ranking.is_number(term)][:ranking.MEASURE_WORDS]
    measures = [measure for size in (2, 3) for chosen in itertools.combinations(words, size)
                if (measure := ranking.measure_term(chosen)) and index.frequency(measure)]
    measures = [ranking.MEASURE_MARK] if measures else []  # one term, whose matches are those measures
    total += sum(ranking.idf(index, term) for term in terms if term not in held and ranking.is_number(term))
    for term in held + measures:
        share = ranking.MEASURE_SHARE if term in measures else 1.0
        expansions = ranking.expand(index, term) if share == 1.0 else [
            (measure, 1.0) for size in (2, 3) for chosen in itertools.combinations(words, size)
            if (measure := ranking.measure_term(chosen)) and index.frequency(measure)]
        rarity = {word: ranking.idf(index, word) for word, _ in expansions}
        # The word's own rarity where the base holds it, else its best match's; a match weighs at most that.
        weight = rarity[term] if term in rarity else max(similarity * rarity[word] for word, similarity in expansions)
        expansions = [(word, similarity * min(1.0, rarity[word] / weight)) for word, similarity in expansions]
        weight *= share
        total += weight
        best: dict[int, float] = {}
        for word, similarity in expansions:
            for position in index.positions(word):
                gain = similarity * index.weight_at(word, position)
                if gain > best.get(position, 0.0):
                    best[position] = gain
        for position, gain in best.items():
            scores[position] = scores.get(position, 0.0) + weight * gain
            matched.setdefault(position, [])
            if term not in measures:
                matched[position].append(term)
    if not scores or total <= 0:
        return []
    folded = normalize(query)
    entries = []
    for position, raw in scores.items():
        if raw / total >= ranking.MIN_SCORE:
            resemblance = fuzz.token_set_ratio(folded, index.normalized_claim(position)) / 100.0
            entries.append((ranking.COVERAGE_SHARE * (raw / total) + ranking.RESEMBLANCE_SHARE * resemblance,
                            -position))
    best_entries = heapq.nlargest(limit, entries)
    if not best_entries:
        return []
    floor = best_entries[0][0] * ranking.RELATIVE_FLOOR
    return [(-negative, round(score, 4), tuple(matched[-negative])) for score, negative in best_entries
            if score >= floor]


normalize = ranking.normalize


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    directory = tmp_path_factory.mktemp("ranking") / "base"
    planted = write_synthetic_base(directory, 3000, seed=11)
    return directory, [query for plant in planted for query in plant["queries"]]


@pytest.fixture(params=["chosen", "postings read whole", "looked up per fact"])
def coverage_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Coverage computed the way the ranking chooses, or forced one way: both must give the same sums."""
    forced = {"postings read whole": True, "looked up per fact": False}.get(request.param)
    if forced is not None:
        monkeypatch.setattr(ranking._Visit, "_read_postings_whole", lambda self, positions: forced)
    return str(request.param)


@pytest.mark.parametrize("limit", [1, 2, 5, 20])
@pytest.mark.usefixtures("coverage_path")
def test_pruned_ranking_equals_exhaustive_on_the_bundled_base(limit: int) -> None:
    index = SearchIndex.for_base(load_base())
    for query in QUERIES:
        assert ranking.rank(index, query, limit) == exhaustive_rank(index, query, limit), query


@pytest.mark.parametrize("limit", [1, 3, 10])
@pytest.mark.usefixtures("coverage_path")
def test_pruned_ranking_equals_exhaustive_on_a_synthetic_base(synthetic: tuple[Path, list[str]], limit: int) -> None:
    directory, planted_queries = synthetic
    disk = store.build_index(directory)
    memory = SearchIndex.for_base(load_base(directory))
    words = list(memory.words())
    rng = random.Random(limit)
    queries = [*QUERIES, *planted_queries]
    queries += [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(25)]  # random mixes of real words
    for query in queries:
        expected = exhaustive_rank(memory, query, limit)
        assert ranking.rank(memory, query, limit) == expected, query
        assert ranking.rank(disk, query, limit) == expected, query


def test_vocabulary_orders_by_length_then_alphabet_and_finds_words() -> None:
    vocabulary = ranking.Vocabulary.build(["rate", "ratone", "b", "rates", "abc", "rat", "ratez"])
    assert list(vocabulary.words) == ["b", "abc", "rat", "rate", "rates", "ratez", "ratone"]
    assert [vocabulary.index(word) for word in ("b", "rate", "ratone", "rata", "zzzzzzzzzz", "")] == \
        [0, 3, 6, None, None, None]
    assert list(vocabulary.prefixed("rat")) == ["rate", "rates", "ratez", "ratone"]
    assert list(vocabulary.prefixed("rates")) == []
    assert list(vocabulary.of_lengths(4, 5)) == ["rate", "rates", "ratez"]
    assert ranking.Vocabulary.build([]).index("x") is None


def test_the_length_window_keeps_every_fuzzy_match() -> None:
    rng = random.Random(5)
    words = sorted({"".join(rng.choice("aeiorstn") for _ in range(rng.randint(1, 16))) for _ in range(4000)})
    vocabulary = ranking.Vocabulary.build(words)
    for term in [*rng.sample(words, 60), "rate", "turnout", "a" * 12]:
        everywhere = process.extract(term, words, scorer=fuzz.ratio, score_cutoff=ranking.FUZZY_CUTOFF, limit=None)
        window = process.extract(term, vocabulary.of_lengths(*ranking.fuzzy_lengths(len(term))), scorer=fuzz.ratio,
                                 score_cutoff=ranking.FUZZY_CUTOFF, limit=None)
        assert sorted(match[:2] for match in window) == sorted(match[:2] for match in everywhere), term
        prefixed = sorted(word for word in words if word.startswith(term) and word != term)
        assert sorted(vocabulary.prefixed(term)) == prefixed

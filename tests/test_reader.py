"""The base read from its index (nc_facts.reader) answers exactly what the loaded base answers.

Each read command used to load the TOML; it now answers from the index.  The
documents of the old way (the loader, filters, timeline and in-memory search)
are built here and compared with the new way's, in the core and through the
command line, on the bundled base, the test bases and a base with retired facts.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from nc_facts import loader, records, revising, serialize, serialize_desk
from nc_facts.citations import export as exporting
from nc_facts.citations import notes as noting
from nc_facts.citations.serialize import cite_document, cite_markdown
from nc_facts.cli.output import OutputOptions, emit
from nc_facts.errors import UnknownFactError, UsageError
from nc_facts.filters import FactFilter, make_filter, select
from nc_facts.model import Base, Source
from nc_facts.reader import IndexedBase, open_base
from nc_facts.search import find
from nc_facts.timeline import build_timeline

from conftest import BUNDLED_BASE, DATA, MINI_BASE, RunCli

BASES = [BUNDLED_BASE, *(DATA / name for name in ("mini", "referendums", "second-declared", "uk-referendums"))]
QUERIES = ["turnout 2020", "referendum", "darmanin", "vote share", "refrendum turnot", "ref", "2018", "quixotry"]


@pytest.fixture
def retired_base(mini_base: Path) -> Path:
    """The mini base with two facts retired: its third (derived from the second) and fourth."""
    ids = [fact.id for fact in loader.load_base(mini_base).facts]
    for fact_id in (ids[2], ids[3]):
        revising.retire_fact(mini_base, fact_id, "superseded")
    return mini_base


def random_filters(base: Base, count: int, seed: int) -> list[FactFilter]:
    """The empty filter and ``count`` random combinations of every criterion, from what the base holds."""
    chooser = random.Random(seed)
    tags = sorted({tag for fact in base.facts for tag in fact.tags})
    kinds = sorted({fact.kind for fact in base.facts})
    claimants = sorted({fact.claimant.split()[-1][:5] for fact in base.facts if fact.claimant})
    years = sorted({date.year for fact in base.facts for date in fact.dates})
    filters = [FactFilter()]
    while len(filters) <= count:
        options: dict[str, object] = {"include_retired": chooser.random() < 0.3}
        if tags and chooser.random() < 0.3:
            options["tags"] = chooser.sample(tags, min(2, len(tags)))
        if chooser.random() < 0.3:
            options["kinds"] = chooser.sample(kinds, 1)
        if chooser.random() < 0.2:
            options["sources"] = chooser.sample(sorted(base.sources), 1)
        if claimants and chooser.random() < 0.2:
            options["claimants"] = [chooser.choice(claimants)]
        if years and chooser.random() < 0.3:
            options["years"] = [chooser.choice(years)]
        if years and chooser.random() < 0.3:
            options["date_from"] = f"{chooser.choice(years)}{chooser.choice(['', '-06', '-03-15'])}"
        if years and chooser.random() < 0.2:
            options["date_to"] = str(chooser.choice(years))
        options["unsourced"] = chooser.random() < 0.1
        options["caveats"] = chooser.random() < 0.2
        try:
            filters.append(make_filter(**options))  # type: ignore[arg-type]
        except UsageError:  # --from after --to
            continue
    return filters


def assert_same_answers(directory: Path, count: int = 40) -> None:
    base, indexed = loader.load_base(directory), open_base(directory)
    for fact in base.facts:
        assert indexed.fact_document(fact.id) == serialize.fact_document(fact, base)
        assert indexed.get(fact.id) == fact
    for where in random_filters(base, count, seed=len(base.facts)):
        assert indexed.list_document(where) == serialize_desk.list_document(select(base.facts, where), base, where)
        assert indexed.timeline_document(where) == serialize_desk.timeline_document(build_timeline(base, where),
                                                                                    base, where)
        for query in QUERIES:
            assert indexed.search_document(query, 5, where) == serialize.search_document(
                query, find(base, query, 5, where), base), (where, query)


@pytest.mark.parametrize("directory", BASES, ids=lambda path: path.name)
def test_the_index_answers_what_the_loaded_base_answers(directory: Path) -> None:
    assert_same_answers(directory)


def test_retired_facts_are_stored_but_found_only_when_asked_for(retired_base: Path) -> None:
    assert_same_answers(retired_base, count=60)
    indexed = open_base(retired_base)
    assert (len(indexed), indexed.standing) == (5, 3)
    assert len(indexed.select(make_filter(include_retired=True))) == 5


def test_a_synthetic_base_filtered_search_ranks_as_in_memory(tmp_path: Path) -> None:
    from conftest import write_synthetic_base

    write_synthetic_base(tmp_path / "synthetic", 400, seed=5)
    base, indexed = loader.load_base(tmp_path / "synthetic"), open_base(tmp_path / "synthetic")
    for where in random_filters(base, 25, seed=11):
        for query in ("unemployment rate 2019", "rate", "minister", "unemploymnet"):
            expected = serialize.search_document(query, find(base, query, 10, where), base)
            assert indexed.search_document(query, 10, where) == expected, (where, query)


def test_every_fact_decodes_to_the_fact_the_loader_made() -> None:
    for directory in BASES:
        base = loader.load_base(directory)
        for fact in base.facts:
            assert records.fact_from_dict(serialize.fact_to_dict(fact, base.sources)) == fact
        for source in base.sources.values():
            assert records.source_from_record(records.source_record(source)) == source
        indexed = open_base(directory)
        assert (dict(indexed.sources), indexed.entities, indexed.measures, indexed.units) == (
            dict(base.sources), base.entities, base.measures, base.units)


def test_a_source_is_decoded_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts.provenance import base_is_article

    decoded: list[str] = []
    real = records.source_from_record

    def counted(record: dict[str, Any]) -> Source:
        decoded.append(record["key"])
        return real(record)

    monkeypatch.setattr(records, "source_from_record", counted)
    for directory in BASES:
        decoded.clear()
        indexed = open_base(directory)
        base = loader.load_base(directory)
        declared = indexed.declared_base()
        assert base_is_article(declared) == base_is_article(base)
        assert list(indexed.sources) == list(base.sources) and len(indexed.sources) == len(base.sources)
        assert all(key in indexed.sources for key in base.sources) and "no-such-source" not in indexed.sources
        assert decoded == []
        first = next(iter(base.sources))
        assert indexed.sources[first] == base.sources[first] and decoded == [first]
        assert indexed.sources[first] is indexed.sources[first] and decoded == [first]


def test_an_unknown_id_is_refused_with_the_loaded_base_suggestions() -> None:
    indexed: IndexedBase = open_base(BUNDLED_BASE)
    with pytest.raises(UnknownFactError) as raised:
        indexed.get("referendum-2020-turnot")
    assert str(raised.value) == "no fact with id 'referendum-2020-turnot'; did you mean referendum-2020-turnout, " \
        "referendum-2021-turnout, referendum-2018-turnout?"


def test_filters_naming_what_the_base_lacks_are_refused_as_before() -> None:
    indexed = open_base(BUNDLED_BASE)
    with pytest.raises(UsageError, match=r"^--tag: no fact has the tag 'referendm'; did you mean referendum"):
        indexed.check_filter(make_filter(tags=["referendm"]))
    with pytest.raises(UsageError, match=r"^--source: no source with key 'bbc'"):
        indexed.check_filter(make_filter(sources=["bbc"]))


# --- through the command line ----------------------------------------------------------------------------

def human(view: str, document: dict[str, object], capsys: pytest.CaptureFixture[str]) -> str:
    """The human output of ``document`` through the one renderer."""
    capsys.readouterr()
    emit(view, document, OutputOptions())
    return capsys.readouterr().out


FILTERED = [["--tag", "referendum"], ["--kind", "statistic", "--from", "2020"], ["--unsourced"],
            ["--caveats", "--year", "2024"], ["--claimant", "darmanin"], ["--from", "2024-04", "--to", "2024-06"]]


@pytest.mark.parametrize("options", FILTERED, ids=" ".join)
def test_list_timeline_and_filtered_search_print_what_the_loaded_base_gives(
        options: list[str], run_cli: RunCli, capsys: pytest.CaptureFixture[str]) -> None:
    base = loader.load_base(BUNDLED_BASE)
    flags = {"--tag": "tags", "--kind": "kinds", "--from": "date_from", "--to": "date_to", "--claimant": "claimants",
             "--year": "years"}
    given: dict[str, object] = {}
    for at, option in enumerate(options):
        if option in ("--unsourced", "--caveats"):
            given[option[2:]] = True
        elif option in flags:
            value = options[at + 1]
            name = flags[option]
            given[name] = value if name.startswith("date") else [int(value) if name == "years" else value]
    where = make_filter(**given)  # type: ignore[arg-type]
    expected = {
        "list": serialize_desk.list_document(select(base.facts, where), base, where),
        "timeline": serialize_desk.timeline_document(build_timeline(base, where), base, where),
        "search": serialize.search_document("referendum", find(base, "referendum", 5, where), base),
    }
    for command, document in expected.items():
        args = [command, *(["referendum"] if command == "search" else []), "--base", str(BUNDLED_BASE), *options]
        assert run_cli(*args, "--json").json() == document
        assert run_cli(*args).stdout == human(command, document, capsys)


def test_show_prints_what_the_loaded_base_gives(run_cli: RunCli, capsys: pytest.CaptureFixture[str]) -> None:
    base = loader.load_base(MINI_BASE)
    for fact in base.facts:
        document = serialize.fact_document(fact, base)
        assert run_cli("show", fact.id, "--base", str(MINI_BASE), "--json").json() == document
        assert run_cli("show", fact.id, "--base", str(MINI_BASE)).stdout == human("fact", document, capsys)


def test_cite_prints_what_the_loaded_base_gives(run_cli: RunCli, capsys: pytest.CaptureFixture[str]) -> None:
    base = loader.load_base(BUNDLED_BASE)
    ids = ["referendum-2020-turnout", "darmanin-allegation-2024", "referendum-2020-turnout"]
    numbered = noting.cite_facts(base, ids, "apa", "text", numbered=True)
    assert run_cli("cite", *ids, "--notes", "--style", "apa", "--json").json() == cite_document(numbered)
    assert run_cli("cite", *ids, "--notes", "--style", "apa").stdout == human("cite", cite_document(numbered), capsys)
    markdown = noting.cite_facts(base, ids, numbered=True, text_format="markdown")
    assert run_cli("cite", *ids, "--notes", "--format", "markdown").stdout == cite_markdown(markdown)


@pytest.mark.parametrize("options", [["--facts", "referendum-2020-turnout", "--facts", "darmanin-allegation-2024"],
                                     ["--query", "darmanin"], []], ids=" ".join)
def test_export_prints_what_the_loaded_base_gives(options: list[str], run_cli: RunCli) -> None:
    base = loader.load_base(BUNDLED_BASE)
    ids = [options[at + 1] for at, option in enumerate(options) if option == "--facts"]
    query = options[1] if options[:1] == ["--query"] else None
    sources = exporting.select_sources(base, ids, query)
    for fmt in ("biblatex", "csl-json", "ris"):
        assert run_cli("export", *options, "--format", fmt).stdout == exporting.export(sources, fmt).text


@pytest.mark.parametrize("directory", BASES, ids=lambda path: path.name)
def test_the_whole_base_decoded_from_the_index_is_the_loaded_base(directory: Path) -> None:
    assert open_base(directory).whole_base() == loader.load_base(directory)


def test_whole_base_keeps_retired_facts_in_base_order(retired_base: Path) -> None:
    assert open_base(retired_base).whole_base() == loader.load_base(retired_base)


@pytest.mark.parametrize("chunk", [1, 3, 4096])
def test_every_fact_json_read_in_chunks_is_each_facts(chunk: int, retired_base: Path) -> None:
    index = open_base(retired_base).index
    every = list(index.every_fact_json(chunk))
    assert every == [index.fact_json(position) for position in range(int(index.header["all_facts"]))]
    assert len(every) > 3


CLAIMS = ["Turnout in the 2020 referendum was 80%", "In 2018, 56.7% voted no", "Darmanin accused Azerbaijan.",
          "Should France leave?"]


def test_check_prints_what_the_loaded_base_gives(run_cli: RunCli, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    from nc_facts import check_report
    from nc_facts.check import Checker, check_text

    base = loader.load_base(BUNDLED_BASE)
    checker = Checker(base)
    for claim in CLAIMS:
        document = check_report.check_document(checker.check(claim), base)
        assert run_cli("check", claim, "--json").json() == document
        assert run_cli("check", claim).stdout == human("check", document, capsys)
    draft = tmp_path / "draft.md"
    draft.write_text("# Votes\n\n" + " ".join(f"{claim}." for claim in CLAIMS) + "\n", encoding="utf-8")
    expected = [check_report.check_document(result, base) for result in check_text(base, draft.read_text("utf-8"))]
    printed = run_cli("check", "--file", str(draft), "--jsonl").stdout.splitlines()
    assert [json.loads(line) for line in printed] == expected


def test_a_damaged_index_is_rebuilt_and_every_read_answered_as_before(mini_base: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts import store

    monkeypatch.setattr(store, "BLOCK_SIZE", 256)  # many small blocks: a flip lands in what a read checks
    base = loader.load_base(mini_base)
    where = make_filter(tags=["referendum"])
    expected = (serialize_desk.list_document(select(base.facts, where), base, where),
                serialize_desk.timeline_document(build_timeline(base, None), base, FactFilter()),
                serialize.fact_document(base.facts[-1], base))
    open_base(mini_base)
    path = Path(store.index_path(str(mini_base)))
    whole = path.read_bytes()
    chooser = random.Random(8)
    for _ in range(150):
        damaged = bytearray(whole)
        damaged[chooser.randrange(len(damaged))] ^= 1 << chooser.randrange(8)
        path.write_bytes(damaged)
        indexed = open_base(mini_base)
        answered = (indexed.list_document(where), indexed.timeline_document(FactFilter()),
                    indexed.fact_document(base.facts[-1].id))
        assert answered == expected


def test_declared_units_are_served_with_the_other_declarations(tmp_path: Path) -> None:
    from test_units import UNITS, fact, write_base

    directory = write_base(tmp_path / "units", UNITS, fact("pounds"))
    base = loader.load_base(directory)
    assert len(base.units) == 3
    assert open_base(directory).units == base.units
    assert open_base(directory).whole_base() == base

"""Filters (list, search, timeline) and the timeline's order across date precisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base, search
from nc_facts.dates import parse_partial_date
from nc_facts.errors import UsageError
from nc_facts.filters import FactFilter, make_filter, select
from nc_facts.timeline import build_timeline

from conftest import MINI_BASE, RunCli

SOURCES = """schema_version = 1

[[source]]
key = "wire"
footnotes = [1]
outlet = "Wire"
title = "Dates"
language = "en"
kind = "news-article"
from_article = true
"""


def write_dated_base(directory: Path, facts: list[tuple[str, list[str]]]) -> Path:
    """A base whose facts have only an id and dates, in the order given."""
    directory.mkdir()
    (directory / "sources.toml").write_text(SOURCES, encoding="utf-8")
    parts = ["schema_version = 1\n"]
    for fact_id, dates in facts:
        listed = ", ".join(f'"{d}"' for d in dates)
        parts.append(f'\n[[fact]]\nid = "{fact_id}"\nclaim = "Something about {fact_id}."\nkind = "event"\n'
                     f'dates = [{listed}]\n\n[[fact.citations]]\nsource = "wire"\nfootnote = 1\n')
    (directory / "facts.toml").write_text("".join(parts), encoding="utf-8")
    return directory


# Written out of order on purpose; each id says where it belongs.
SHUFFLED = [
    ("may-2024", ["2024-05"]),
    ("year-2024", ["2024"]),
    ("undated", []),
    ("cook-1774", ["1774"]),
    ("day-2024-04-19", ["2024-04-19"]),
    ("april-2024", ["2024-04"]),
    ("senate-2022-11", ["2022-11"]),
    ("votes-2018-2021", ["2018", "2021"]),
    ("second-april-2024", ["2024-04"]),
]


@pytest.fixture
def dated_base(tmp_path: Path) -> Path:
    return write_dated_base(tmp_path / "dated", SHUFFLED)


def timeline_pairs(run_cli: RunCli, base: Path, *args: str) -> list[tuple[str, str]]:
    result = run_cli("timeline", "--base", str(base), "--json", *args)
    assert result.code == 0, result.stderr
    return [(entry["date"], entry["fact"]["id"]) for entry in result.json()["entries"]]


def test_timeline_orders_mixed_precisions_year_then_month_then_day(run_cli: RunCli, dated_base: Path) -> None:
    assert timeline_pairs(run_cli, dated_base) == [
        ("1774", "cook-1774"),
        ("2018", "votes-2018-2021"),
        ("2021", "votes-2018-2021"),
        ("2022-11", "senate-2022-11"),
        ("2024", "year-2024"),
        ("2024-04", "april-2024"),
        ("2024-04", "second-april-2024"),  # same date: base order kept
        ("2024-04-19", "day-2024-04-19"),
        ("2024-05", "may-2024"),
    ]


def test_timeline_json_gives_each_date_its_precision(run_cli: RunCli, dated_base: Path,
                                                     validate_json: Callable[[Any, str], None]) -> None:
    document = run_cli("timeline", "--base", str(dated_base), "--json").json()
    validate_json(document, "timeline")
    precisions = {entry["date"]: entry["precision"] for entry in document["entries"]}
    assert precisions["1774"] == "year"
    assert precisions["2022-11"] == "month"
    assert precisions["2024-04-19"] == "day"
    assert document["count"] == len(document["entries"])


def test_timeline_range_takes_dates_that_overlap_it(run_cli: RunCli, dated_base: Path) -> None:
    # "2024" may be about April, so it stays; May and 2022 do not.
    assert timeline_pairs(run_cli, dated_base, "--from", "2024-04", "--to", "2024-04") == [
        ("2024", "year-2024"),
        ("2024-04", "april-2024"),
        ("2024-04", "second-april-2024"),
        ("2024-04-19", "day-2024-04-19"),
    ]


def test_timeline_shows_only_the_dates_of_a_fact_inside_the_range(run_cli: RunCli, dated_base: Path) -> None:
    assert timeline_pairs(run_cli, dated_base, "--to", "2019") == [("1774", "cook-1774"),
                                                                   ("2018", "votes-2018-2021")]


def test_timeline_human_view_shows_dates_as_precise_as_they_are(run_cli: RunCli, dated_base: Path) -> None:
    result = run_cli("timeline", "--base", str(dated_base), "--no-color")
    assert result.code == 0
    for label in ("1774", "November 2022", "April 2024", "19 April 2024", "May 2024"):
        assert label in result.stdout
    assert result.stdout.index("1774") < result.stdout.index("November 2022") < result.stdout.index("May 2024")


def test_timeline_of_the_bundled_base_is_in_date_order(run_cli: RunCli) -> None:
    entries = run_cli("timeline", "--json").json()["entries"]
    dates = [parse_partial_date(entry["date"]) for entry in entries]
    assert dates == sorted(dates)
    assert len(entries) >= 10


def list_ids(run_cli: RunCli, *args: str) -> list[str]:
    result = run_cli("list", "--base", str(MINI_BASE), "--json", *args)
    assert result.code in (0, 1), result.stderr
    return [fact["id"] for fact in result.json()["facts"]]


ALL_MINI = ["island-turnout-2020", "island-no-2020", "island-yes-2020", "minister-allegation-2024", "island-future"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ALL_MINI),
        (("--tag", "turnout"), ["island-turnout-2020"]),
        (("--tag", "turnout", "--tag", "protests"), ["island-turnout-2020", "minister-allegation-2024"]),
        (("--kind", "allegation"), ["minister-allegation-2024"]),
        (("--source", "gazete-ada"), ["minister-allegation-2024"]),
        (("--claimant", "minister"), ["minister-allegation-2024"]),
        (("--claimant", "nobody"), []),
        (("--year", "2020"), ["island-turnout-2020", "island-no-2020", "island-yes-2020"]),
        (("--year", "2020", "--year", "2024"), ALL_MINI[:4]),
        (("--from", "2021"), ["minister-allegation-2024"]),
        (("--to", "2020-12-31"), ["island-turnout-2020", "island-no-2020", "island-yes-2020"]),
        (("--from", "2024-05"), []),
        (("--unsourced",), ["island-future"]),
        (("--caveats",), ["island-turnout-2020"]),
    ],
)
def test_each_filter_on_list(run_cli: RunCli, args: tuple[str, ...], expected: list[str]) -> None:
    assert list_ids(run_cli, *args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--tag", "referendum", "--caveats"), ["island-turnout-2020"]),
        (("--tag", "vote-share", "--source", "daily-news"), ["island-no-2020", "island-yes-2020"]),
        (("--kind", "statistic", "--year", "2024"), []),
        (("--kind", "allegation", "--claimant", "MINISTER", "--from", "2024-04", "--to", "2024-04"),
         ["minister-allegation-2024"]),
        (("--unsourced", "--tag", "referendum"), []),
    ],
)
def test_filters_combine_with_and(run_cli: RunCli, args: tuple[str, ...], expected: list[str]) -> None:
    assert list_ids(run_cli, *args) == expected


def test_list_exit_codes_and_schema(run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    found = run_cli("list", "--base", str(MINI_BASE), "--json", "--kind", "analysis")
    assert found.code == 0
    validate_json(found.json(), "list")
    assert found.json()["filters"]["kinds"] == ["analysis"]
    none = run_cli("list", "--base", str(MINI_BASE), "--kind", "denial")
    assert none.code == 1
    assert "no fact passes the filters" in none.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "rumour"), "unknown kind 'rumour'"),
        (("--source", "daily-new"), "did you mean daily-news"),
        (("--from", "2024-13"), "--from: '2024-13' has no month 13"),
        (("--from", "2025", "--to", "2024"), "--from 2025 is after --to 2024"),
    ],
)
def test_bad_filter_values_are_usage_errors(run_cli: RunCli, args: tuple[str, ...], message: str) -> None:
    for command in (("list",), ("timeline",), ("search", "referendum")):
        result = run_cli(*command, "--base", str(MINI_BASE), *args)
        assert result.code == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def test_search_with_filters_ranks_only_the_facts_that_pass(run_cli: RunCli,
                                                            validate_json: Callable[[Any, str], None]) -> None:
    unfiltered = run_cli("search", "referendum 2020", "--base", str(MINI_BASE), "--json").json()
    assert "island-turnout-2020" in [hit["id"] for hit in unfiltered["results"]]
    filtered = run_cli("search", "referendum 2020", "--base", str(MINI_BASE), "--json", "--tag", "vote-share")
    assert filtered.code == 0
    validate_json(filtered.json(), "search")
    ids = [hit["id"] for hit in filtered.json()["results"]]
    assert ids and set(ids) <= {"island-no-2020", "island-yes-2020"}


def test_search_with_filters_that_exclude_every_match_exits_1(run_cli: RunCli) -> None:
    result = run_cli("search", "turnout", "--base", str(MINI_BASE), "--kind", "allegation")
    assert result.code == 1


def test_core_search_keeps_its_three_argument_form_and_takes_a_filter() -> None:
    base = load_base(MINI_BASE)
    plain = search(base, "referendum", 10)
    assert len(plain) >= 3
    only_unsourced = search(base, "island", 10, FactFilter(unsourced=True))
    assert [hit.fact.id for hit in only_unsourced] == ["island-future"]


def test_date_criteria_must_hold_for_one_and_the_same_date(tmp_path: Path) -> None:
    base = load_base(write_dated_base(tmp_path / "b", SHUFFLED))
    where = make_filter(years=[2018], date_from="2020")
    # votes-2018-2021 has a date in 2018 and a date after 2020, but no single date that is both.
    assert select(base.facts, where) == []
    assert [f.id for f in select(base.facts, make_filter(years=[2021], date_from="2020"))] == ["votes-2018-2021"]


def test_timeline_core_applies_year_per_date(tmp_path: Path) -> None:
    base = load_base(write_dated_base(tmp_path / "b", SHUFFLED))
    entries = build_timeline(base, make_filter(years=[2021]))
    assert [(e.date.iso(), e.fact.id) for e in entries] == [("2021", "votes-2018-2021")]


def test_empty_filter_lets_everything_through_and_is_inactive() -> None:
    base = load_base(MINI_BASE)
    assert not FactFilter().active
    assert select(base.facts, FactFilter()) == list(base.facts)
    assert select(base.facts, None) == list(base.facts)


def test_make_filter_rejects_an_unknown_kind_without_a_base() -> None:
    with pytest.raises(UsageError, match="--kind"):
        make_filter(kinds=["gossip"])

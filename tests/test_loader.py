"""Loading and validating a base: every problem, located precisely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nc_facts import BaseInvalidError, BaseNotFoundError, load_base
from nc_facts.dates import PartialDate, parse_partial_date
from nc_facts.validate import evaluate_arithmetic


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(base: Path) -> list[str]:
    with pytest.raises(BaseInvalidError) as caught:
        load_base(base)
    return [str(p).replace(str(base) + "/", "") for p in caught.value.problems]


def test_mini_base_loads(mini_base: Path) -> None:
    base = load_base(mini_base)
    assert [f.id for f in base] == [
        "island-turnout-2020", "island-no-2020", "island-yes-2020", "minister-allegation-2024", "island-future"]
    assert base.sources["gazete-ada"].footnotes == (2, 3)
    assert base.get("island-yes-2020") is not None


def test_unknown_source_key_names_file_line_id_and_field(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'source = "gazete-ada"\nfootnote = 2', 'source = "gazete"\nfootnote = 2')
    assert problems_of(mini_base) == [
        "facts.toml:87, id 'minister-allegation-2024', field 'citations[0].source': "
        "unknown source key 'gazete' (did you mean 'gazete-ada'?)"
    ]


def test_every_problem_is_reported_not_just_the_first(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'kind = "analysis"', 'kind = "opinion"')
    replace_in(mini_base / "facts.toml", 'dates = ["2024-04"]', 'dates = ["2021-02-30"]')
    replace_in(mini_base / "sources.toml", 'accessed = "2025-07-19"\nfrom_article = true\n\n[[source]]\nkey = "gaz',
               'from_article = true\n\n[[source]]\nkey = "gaz')
    assert problems_of(mini_base) == [
        "facts.toml:82, id 'minister-allegation-2024', field 'dates[0]': '2021-02-30' is not a real date",
        "facts.toml:93, id 'island-future', field 'kind': unknown kind 'opinion' "
        "(one of: statistic, event, allegation, denial, statement, background, analysis)",
    ]


def test_wrong_types_and_missing_fields(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", "value = 53.26", 'value = "53.26%"')
    replace_in(mini_base / "facts.toml", 'claim = "The island\'s future will depend on global developments."\n', "")
    found = problems_of(mini_base)
    assert found[0] == ("facts.toml:48, id 'island-no-2020', field 'values[0].value': "
                        "expected a number, got '53.26%' (write 56.7, not \"56.7%\")")
    assert found[1] == "facts.toml:90, id 'island-future', field 'claim': required field is missing"


def test_unknown_field_is_an_error(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'kind = "analysis"', 'kind = "analysis"\ncitation = "daily-news"')
    assert problems_of(mini_base) == [
        "facts.toml:94, id 'island-future', field 'citation': unknown field (known: aliases, better_values, caveats, "
        "citations, claim, claimant, dates, derivation, derived_from, entities, event, id, kind, paragraph, quote, "
        "retired, retired_on, tags, values)"
    ]


def test_duplicate_id(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'id = "island-future"', 'id = "island-no-2020"')
    assert problems_of(mini_base) == [
        "facts.toml:91, id 'island-no-2020', field 'id': duplicate id (first used on line 38)"]


def test_toml_syntax_error_has_line_and_column(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'kind = "analysis"', 'kind = "analysis')
    assert problems_of(mini_base) == ["facts.toml:93:17: TOML syntax error: Illegal character '\\n'"]


def test_shares_of_one_event_must_add_up_to_100(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", "value = 46.74", "value = 47.74")
    replace_in(mini_base / "facts.toml", 'derivation = "100 - 53.26"', 'derivation = "100 - 52.26"')
    assert problems_of(mini_base) == [
        "facts.toml:64, id 'island-yes-2020', field 'derivation': 52.26 in the derivation is not a value of "
        "island-no-2020",
        "facts.toml:66, id 'island-yes-2020', field 'values': yes (47.74) and no (53.26) shares of referendum-2020 "
        "add up to 101, not 100",
    ]


def test_derived_fact_must_agree_with_its_derivation(mini_base: Path) -> None:
    replace_in(mini_base / "facts.toml", 'derivation = "100 - 53.26"', 'derivation = "100 - 53.26 - 1"')
    assert problems_of(mini_base) == [
        "facts.toml:64, id 'island-yes-2020', field 'derivation': derivation gives 45.74, "
        "but the fact's values are 46.74"]


def test_access_date_needs_url_and_is_not_in_the_future(mini_base: Path) -> None:
    replace_in(mini_base / "sources.toml", 'url = "https://gazete.example.org/ada"\n', "")
    replace_in(mini_base / "sources.toml", 'accessed = "2025-07-19"', 'accessed = "2099-01-01"')
    assert problems_of(mini_base) == [
        "sources.toml:13, key 'daily-news', field 'accessed': 2099-01-01 is in the future",
        "sources.toml:24, key 'gazete-ada', field 'accessed': an access date needs a url",
    ]


def test_missing_base_and_missing_file(tmp_path: Path, mini_base: Path) -> None:
    with pytest.raises(BaseNotFoundError, match="no such base directory"):
        load_base(tmp_path / "nowhere")
    (mini_base / "sources.toml").unlink()
    with pytest.raises(BaseNotFoundError, match=r"sources.toml: no such file"):
        load_base(mini_base)


def test_partial_dates_order_and_precision() -> None:
    dates = sorted(parse_partial_date(text) for text in ["2024-06", "2024", "1853", "2024-04-18", "2024-04"])
    assert [d.iso() for d in dates] == ["1853", "2024", "2024-04", "2024-04-18", "2024-06"]
    assert [d.precision for d in dates] == ["year", "year", "month", "day", "month"]
    assert parse_partial_date(dt.date(2025, 7, 19)) == PartialDate(2025, 7, 19)
    assert PartialDate(2024).covers(PartialDate(2024, 5, 13))
    assert not PartialDate(2024, 4).covers(PartialDate(2024, 5))
    with pytest.raises(ValueError, match="no month 13"):
        parse_partial_date("2024-13")
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        parse_partial_date("19.07.2025")


def test_arithmetic_of_derivations() -> None:
    assert evaluate_arithmetic("100 - 53.26") == (pytest.approx(46.74), [100.0, 53.26])
    with pytest.raises(ValueError, match="only numbers"):
        evaluate_arithmetic("__import__('os')")

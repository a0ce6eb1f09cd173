"""Units a base declares: read by the figures typed on the command line, and held to by validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nc_facts import BaseInvalidError, load_base
from nc_facts.errors import UsageError
from nc_facts.figures import Figure, parse_figure
from nc_facts.model import Unit

from conftest import RunCli

SOURCES = """\
schema_version = 1

[[source]]
key = "ons"
outlet = "Office for National Statistics"
title = "Public sector finances"
language = "en"
kind = "organisation-page"
from_article = false
"""

UNITS = """\
[[unit]]
name = "pounds"
symbol = "£"
aliases = ["pounds sterling", "GBP", "pound"]
meaning = "pounds sterling"

[[unit]]
name = "percent"
symbol = "%"
aliases = ["per cent"]

[[unit]]
name = "count"
"""

POUNDS, PERCENT = Unit("pounds", "£", ("pounds sterling", "GBP", "pound")), Unit("percent", "%", ("per cent",))


def write_base(directory: Path, *tables: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources.toml").write_text(SOURCES, encoding="utf-8")
    (directory / "facts.toml").write_text("schema_version = 1\n\n" + "\n".join(tables), encoding="utf-8")
    return directory


def problems(directory: Path, *tables: str) -> list[str]:
    with pytest.raises(BaseInvalidError) as caught:
        load_base(write_base(directory, *tables))
    return [str(problem).replace(str(directory) + "/", "") for problem in caught.value.problems]


def fact(unit: str, measure: str = "weekly claim") -> str:
    return (f'[[fact]]\nid = "claim"\nclaim = "A claim."\nkind = "statistic"\n\n'
            f'[[fact.values]]\nvalue = 350000000\nunit = "{unit}"\nmeasure = "{measure}"\n')


@pytest.mark.parametrize(("text", "expected"), [
    ("£70,000 salary", Figure(70000.0, "pounds", "salary", False)),
    ("70,000 pounds sterling salary", Figure(70000.0, "pounds", "salary", False)),
    ("350 million GBP weekly claim", Figure(350e6, "pounds", "weekly claim", False)),
    ("350 million pounds weekly claim", Figure(350e6, "pounds", "weekly claim", False)),
    ("£350m weekly claim", Figure(350e6, "pounds", "weekly claim", False)),
    ("1 pound coin value", Figure(1.0, "pounds", "coin value", False)),
    ("51.9 per cent leave share", Figure(51.9, "percent", "leave share", False)),
    ("51.9% leave share", Figure(51.9, "percent", "leave share", False)),
])
def test_a_figure_takes_the_declared_name_of_the_unit_it_writes(text: str, expected: Figure) -> None:
    assert parse_figure(text, units=(POUNDS, PERCENT)) == expected


def test_without_declarations_a_sign_is_the_currency_cldr_gives_it() -> None:
    assert parse_figure("£70,000 salary") == Figure(70000.0, "GBP", "salary", False)
    assert parse_figure("A$5 fare") == Figure(5.0, "AUD", "fare", False)
    # The words after a number are the unit as written: nothing of any one base is known without declarations.
    assert parse_figure("70,000 pounds sterling salary") == Figure(70000.0, "pounds", "sterling salary", False)


def test_the_unit_of_shares_keeps_the_name_percent(tmp_path: Path) -> None:
    assert problems(tmp_path, '[[unit]]\nname = "pct"\nsymbol = "%"\n') == [
        "facts.toml:4, unit name 'pct', field 'name': a unit written 'percent' or '%' is named 'percent', "
        "the name shares are read by"]


def test_a_declared_symbol_is_read_where_cldr_has_none() -> None:
    lira = Unit("lira", "₺")
    assert parse_figure("₺5,000 fine", units=(lira,)) == Figure(5000.0, "lira", "fine", False)
    with pytest.raises(UsageError, match="'₺' before the number is neither a currency sign"):
        parse_figure("₺5,000 fine")


def test_declared_units_load_with_their_fields(tmp_path: Path) -> None:
    base = load_base(write_base(tmp_path, UNITS, fact("pounds")))
    assert base.unit("pounds") == Unit("pounds", "£", ("pounds sterling", "GBP", "pound"), "pounds sterling")
    assert [unit.name for unit in base.units] == ["pounds", "percent", "count"]
    assert base.unit("dollars") is None


def test_a_unit_the_base_does_not_declare_is_named_with_its_line_and_field(tmp_path: Path) -> None:
    assert problems(tmp_path, UNITS, fact("dollars")) == [
        "facts.toml:24, id 'claim', field 'values[0].unit': 'dollars' is not a declared unit "
        "(declared: count, percent, pounds)"]
    assert problems(tmp_path, UNITS, fact("GBP")) == [
        "facts.toml:24, id 'claim', field 'values[0].unit': 'GBP' is a way to write the declared unit 'pounds': "
        "write 'pounds'"]
    assert problems(tmp_path, UNITS, fact("pound")) == [
        "facts.toml:24, id 'claim', field 'values[0].unit': 'pound' is a way to write the declared unit 'pounds': "
        "write 'pounds'"]


def test_a_measure_in_an_undeclared_unit_and_units_that_share_a_way_of_writing_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, UNITS, '[[unit]]\nname = "pounds"\n\n[[unit]]\nname = "quid"\nsymbol = "£"\n'
                    'aliases = ["GBP "]\n\n[[measure]]\nname = "fine"\nunit = "euros"\n') == [
        "facts.toml:18, unit name 'pounds', field 'name': duplicate unit (first declared on line 4)",
        "facts.toml:22, unit name 'quid', field 'symbol': '£' already writes unit 'pounds'",
        "facts.toml:23, unit name 'quid', field 'aliases': 'GBP ' already writes unit 'pounds'",
        "facts.toml:27, measure name 'fine', field 'unit': 'euros' is not a declared unit "
        "(declared: count, percent, pounds, quid)",
    ]


def test_a_base_without_unit_declarations_keeps_its_free_units(tmp_path: Path) -> None:
    assert load_base(write_base(tmp_path, fact("dollars"))).units == ()


def test_add_fact_reads_the_declared_units_and_a_wrong_one_is_refused_in_the_file_as_it_would_be(
        run_cli: RunCli, tmp_path: Path) -> None:
    base = write_base(tmp_path / "base", UNITS)
    added = run_cli("add-fact", "--base", str(base), "--claim", "The bus claimed £350 million a week.",
                    "--kind", "allegation", "--value", "350 million pounds sterling weekly claim",
                    "--better", "ons: £8.5bn weekly net contribution; net of the rebate", "--json")
    assert added.code == 0, added.stderr
    entry = added.json()["entry"]
    assert [(v["value"], v["unit"], v["measure"]) for v in entry["values"]] == [
        (350000000, "pounds", "weekly claim")]
    assert [(b["value"], b["unit"], b["measure"]) for b in entry["better_values"]] == [
        (8500000000, "pounds", "weekly net contribution")]
    before = (base / "facts.toml").read_bytes()
    refused = run_cli("add-fact", "--base", str(base), "--claim", "The fee was 70,000 dollars.", "--kind",
                      "statistic", "--value", "70,000 dollars fee", "--json")
    assert refused.code == 2
    error = refused.json()["error"]
    # The line of unit = "dollars" in the file as it would be: the new entry starts two lines after the old end.
    unit_line = before.count(b"\n") + 9
    assert (error["file"], error["line"], error["field"]) == (str(base / "facts.toml"), unit_line, "values[0].unit")
    assert error["message"].endswith("'dollars' is not a declared unit (declared: count, percent, pounds)")
    assert (base / "facts.toml").read_bytes() == before
    assert json.loads(run_cli("show", "bus-claimed-350-million-week", "--base", str(base), "--json").stdout)[
        "fact"]["values"][0]["unit"] == "pounds"


def test_correct_and_edit_fact_read_the_declared_units_too(run_cli: RunCli, tmp_path: Path) -> None:
    base = write_base(tmp_path / "base", UNITS, fact("pounds"))
    corrected = run_cli("correct", "claim", "--base", str(base), "--better", "ons: £8.5bn weekly claim", "--json")
    assert corrected.code == 0, corrected.stderr
    assert corrected.json()["entry"]["better_values"][0]["unit"] == "pounds"
    edited = run_cli("edit-fact", "claim", "--base", str(base), "--value", "£350m weekly claim", "--json")
    assert edited.code == 0, edited.stderr
    assert edited.json()["entry"]["values"][0]["unit"] == "pounds"

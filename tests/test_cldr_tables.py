"""Babel's CLDR tables kept in the cache: the same tables as Babel gives, and Babel not loaded once they are kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nc_facts import cldr, language


@pytest.fixture()
def fresh_tables() -> None:
    cldr.cldr_table.cache_clear()
    language.month_numbers.cache_clear()
    language.weekday_names.cache_clear()


def _kept(cache: Path) -> Path:
    return cache / "index" / "cldr-tables.json"


@pytest.mark.parametrize("name", ["french_months", "french_days", "english_currency_symbols",
                                  "english_language_names"])
def test_a_kept_table_is_babels(name: str, private_cache: Path, fresh_tables: None) -> None:
    from_babel = cldr._CLDR_TABLES[name]()
    assert cldr.cldr_table(name) == from_babel  # read from Babel, and kept
    cldr.cldr_table.cache_clear()
    assert cldr.cldr_table(name) == from_babel  # read from the file
    assert json.loads(_kept(private_cache).read_text(encoding="utf-8"))["value"][name] == from_babel


def test_french_months_are_known(fresh_tables: None) -> None:
    months = language.month_numbers()
    assert (months["aout"], months["fevr"], months["sept"], months["december"]) == (8, 2, 9, 12)
    assert "mercredi" in language.weekday_names()


@pytest.mark.parametrize("damage", ["flip", "stale", "not json", "a list"])
def test_a_damaged_or_stale_file_is_read_from_babel_again(damage: str, private_cache: Path,
                                                         fresh_tables: None) -> None:
    expected = cldr.cldr_table("french_months")
    path = _kept(private_cache)
    document = json.loads(path.read_text(encoding="utf-8"))
    if damage == "flip":
        document["value"]["french_months"]["mars"] = 4
        path.write_text(json.dumps(document), encoding="utf-8")
    elif damage == "stale":
        document["key"][-1] += 1
        document["value"]["french_months"]["mars"] = 4
        path.write_text(json.dumps(document), encoding="utf-8")
    else:
        path.write_text("{" if damage == "not json" else "[1, 2]", encoding="utf-8")
    cldr.cldr_table.cache_clear()
    assert cldr.cldr_table("french_months") == expected


def test_a_fifo_in_its_place_is_never_read(private_cache: Path, fresh_tables: None) -> None:
    path = _kept(private_cache)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert cldr.cldr_table("french_days") == cldr._CLDR_TABLES["french_days"]()  # without waiting on it


def test_check_does_not_load_babel_once_the_tables_are_kept(tmp_path: Path) -> None:
    script = ("import sys; from nc_facts.cli import main; main(['check', 'In August 2020, turnout was 85.64 %.', "
              "'--json']); print('babel' in sys.modules)")
    env = dict(os.environ, NC_FACTS_CACHE_DIR=str(tmp_path))
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert (first.stdout.splitlines()[-1], second.stdout.splitlines()[-1]) == ("True", "False")

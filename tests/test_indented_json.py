"""Indented JSON by orjson for a large document: the same bytes the standard library writes, always."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nc_facts import indented_json
from nc_facts.cli.output import write_json
from nc_facts.indented_json import indented
from nc_facts.streamed import StreamedDocument

from conftest import RunCli

# Everything a document may hold: no NaN or infinity (the loader refuses them), integers of any size,
# floats of every magnitude, text of every plane (lone surrogates included), keys of any text.
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                                            max_size=4),
                      max_leaves=30)


@pytest.fixture
def every_document_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indented_json, "MANY_ITEMS", 0)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.text(max_size=6), VALUES, max_size=5))
def test_any_document_is_written_as_the_standard_library_writes_it(every_document_large: None,
                                                                   document: dict[str, Any]) -> None:
    assert indented(document) == json.dumps(document, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("number", [1e-05, 2.5e-07, 9.99e-05, 1e16, 1.5e+22, -3e-10, 1e15, 0.0001, 123.25])
def test_floats_orjson_writes_otherwise_are_written_as_json_does(every_document_large: None, number: float) -> None:
    document = {"facts": [{"value": number}, [number, "text 0.0000 and 2e5"]]}
    assert indented(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_what_orjson_refuses_is_written_by_the_standard_library(every_document_large: None) -> None:
    document = {"facts": [2 ** 70, {"\ud800": "\udfff"}], "n": 1}
    assert indented(document) == json.dumps(document, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        indented({"facts": [object()]})


def test_a_document_over_the_threshold_prints_the_bytes_the_standard_library_would(
        every_document_large: None, run_cli: RunCli) -> None:
    for args in (["timeline"], ["list"], ["search", "referendum", "--limit", "50"]):
        run = run_cli(*args, "--json")
        assert run.code == 0
        assert run.stdout == json.dumps(json.loads(run.stdout), ensure_ascii=False, indent=2) + "\n"


def test_a_long_streamed_list_prints_the_bytes_the_standard_library_would(
        every_document_large: None, run_cli: RunCli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("The turnout in 2020 was 85.64 %.\n\nThe turnout in 2021 was 43.87 %.\n", encoding="utf-8")
    run = run_cli("check", "--file", str(draft), "--json")
    assert [check["claim"] for check in json.loads(run.stdout)["checks"]] == [
        "The turnout in 2020 was 85.64 %.", "The turnout in 2021 was 43.87 %."]
    assert run.stdout == json.dumps(json.loads(run.stdout), ensure_ascii=False, indent=2) + "\n"


def test_the_items_of_a_streamed_list_past_the_threshold_are_written_by_orjson(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(indented_json, "MANY_ITEMS", 2)
    by_orjson: list[Any] = []
    original = indented_json._by_orjson

    def spied(document: Any) -> str | None:
        by_orjson.append(document)
        return original(document)

    monkeypatch.setattr(indented_json, "_by_orjson", spied)
    items = [{"n": n, "text": "é"} for n in range(5)]  # no lists: no item is large by itself
    write_json(StreamedDocument({"schema_version": 1}, "checks", iter(items), lambda: {"count": 5}))
    assert by_orjson == items[2:]
    printed = capsys.readouterr().out
    document = {"schema_version": 1, "checks": items, "count": 5}
    assert printed == json.dumps(document, ensure_ascii=False, indent=2) + "\n"

"""The command line, run in-process: output, JSON contract and exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import RunCli

# The keys a script may rely on.  Removing or renaming one is a schema change: bump
# serialize.SCHEMA_VERSION and the JSON Schema with it; a key added goes into the JSON Schema.
FACT_KEYS = {
    "id", "claim", "quote", "paragraph", "kind", "claimant", "event", "sourced", "derived", "derived_from",
    "derivation", "values", "better_values", "dates", "entities", "tags", "aliases", "caveats", "citations",
    "retired",
}
CITATION_KEYS = {"source", "footnote", "outlet", "title", "title_en", "language", "url", "published", "accessed",
                 "quote", "locator"}


def test_search_json_is_the_documented_envelope(run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    run = run_cli("search", "2020 turnout", "--json")
    assert run.code == 0
    assert run.stderr == ""
    document = run.json()
    validate_json(document, "search")
    assert document["schema_version"] == 1
    assert document["query"] == "2020 turnout"
    first = document["results"][0]
    assert set(first) == FACT_KEYS | {"score", "matched"}
    assert set(first["citations"][0]) == CITATION_KEYS
    assert first["id"] == "referendum-2020-turnout"
    assert first["values"][:1] == [{"value": 85.64, "unit": "percent", "measure": "turnout", "approximate": False,
                                   "scope": None}]
    assert first["citations"][0]["footnote"] == 2
    assert first["citations"][0]["outlet"] == "Anadolu Ajansı"
    assert first["citations"][0]["accessed"] == "2025-07-19"
    assert first["better_values"][0]["value"] == 85.69
    assert first["better_values"][0]["source"]["outlet"] == "Wikipedia"


def test_search_human_output_shows_claim_quote_and_citation(run_cli: RunCli) -> None:
    run = run_cli("search", "Darmanin", "--limit", "1")
    assert run.code == 0
    lines = [line.strip() for line in run.stdout.splitlines()]
    assert lines[0].startswith("1. darmanin-")
    assert any(line.startswith("[4] Euronews, “How is Azerbaijan involved with France and New Caledonia?”")
               for line in lines)
    assert "\x1b[" not in run.stdout  # not a terminal: plain text


def test_unsourced_claims_are_marked(run_cli: RunCli) -> None:
    run = run_cli("show", "azerbaijani-flags-at-protests")
    assert run.code == 0
    assert "UNSOURCED: the article gives no source for this claim." in run.stdout
    assert run_cli("show", "azerbaijani-flags-at-protests", "--json").json()["fact"]["citations"] == []


def test_nothing_found_exits_1_with_empty_results(run_cli: RunCli) -> None:
    run = run_cli("search", "xylophone quantum zebra", "--json")
    assert run.code == 1
    assert run.json()["results"] == []
    assert run.stderr == "nc-facts: no fact matches 'xylophone quantum zebra'\n"


def test_show_and_sources_json(run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    fact = run_cli("show", "kanak-origin", "--json")
    assert fact.code == 0
    validate_json(fact.json(), "fact")
    assert fact.json()["fact"]["caveats"][0]["severity"] == "wrong"
    sources = run_cli("sources", "--json")
    validate_json(sources.json(), "sources")
    footnotes = [s["footnotes"] for s in sources.json()["sources"] if s["from_article"]]
    assert footnotes == [[1], [2], [3], [4], [5, 6], [7], [8]]


def test_unknown_id_suggests_close_ones(run_cli: RunCli) -> None:
    run = run_cli("show", "referendum-2020-turnot")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == ("nc-facts: error: no fact with id 'referendum-2020-turnot'; "
                          "did you mean referendum-2020-turnout, referendum-2021-turnout, referendum-2018-turnout?\n")


def test_validate_bundled_base(run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    run = run_cli("validate", "--json")
    assert run.code == 0
    validate_json(run.json(), "validation")
    assert run.json()["valid"] is True


def test_validate_reports_a_broken_citation_with_its_line(run_cli: RunCli, mini_base: Path,
                                                          validate_json: Callable[[Any, str], None]) -> None:
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('source = "gazete-ada"', 'source = "gazette"'),
                     encoding="utf-8")
    run = run_cli("validate", "--base", str(mini_base))
    assert run.code == 2
    assert run.stdout == (f"{facts}:87, id 'minister-allegation-2024', field 'citations[0].source': "
                          "unknown source key 'gazette' (did you mean 'gazete-ada'?)\n")
    as_json = run_cli("validate", "--base", str(mini_base), "--json")
    validate_json(as_json.json(), "validation")
    assert as_json.json()["problems"][0]["line"] == 87
    # Any other command refuses the base with the same one line on stderr.
    search = run_cli("search", "turnout", "--base", str(mini_base))
    assert search.code == 2
    assert search.stderr.count("\n") == 1
    assert "unknown source key 'gazette'" in search.stderr


def test_base_from_environment(run_cli: RunCli, mini_base: Path) -> None:
    run = run_cli("search", "turnout", "--json", env={"NC_FACTS_BASE": str(mini_base)})
    assert [r["id"] for r in run.json()["results"]][:1] == ["island-turnout-2020"]


def installed_entry_point() -> str:
    found = shutil.which("nc-facts", path=os.path.dirname(sys.executable))
    if found is None:
        pytest.skip("the nc-facts entry point is not installed beside this interpreter")
    return found


def test_installed_entry_point_as_a_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NC_FACTS_BASE"}
    proc = subprocess.run([installed_entry_point(), "search", "Lachin", "--json"], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    import json

    document = json.loads(proc.stdout)
    assert "Lachin" in document["results"][0]["claim"]
    module = subprocess.run([sys.executable, "-m", "nc_facts", "search", "Lachin", "--json"], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=60)
    assert json.loads(module.stdout)["results"] == document["results"]

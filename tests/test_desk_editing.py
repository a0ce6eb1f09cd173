"""init, add-fact, add-source: existing text kept byte for byte, invalid entries refused, writers serialised."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import editing, load_base
from nc_facts.errors import BaseWriteError
from nc_facts.model import Fact

from conftest import ROOT, RunCli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def added_part(before: bytes, after: bytes) -> str:
    """What an edit appended; fails when anything before it changed."""
    assert after.startswith(before), "the existing text changed"
    return after[len(before):].decode("utf-8")


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_init_creates_an_empty_valid_base_with_commented_examples(run_cli: RunCli, tmp_path: Path,
                                                                  validate_json: Callable[[Any, str], None]) -> None:
    target = tmp_path / "new" / "base"
    result = run_cli("init", str(target), "--json")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "init")
    assert len(load_base(target)) == 0
    assert run_cli("validate", "--base", str(target)).code == 0
    assert "# [[fact]]" in (target / "facts.toml").read_text(encoding="utf-8")
    assert "# [[source]]" in (target / "sources.toml").read_text(encoding="utf-8")


def test_init_refuses_a_directory_that_holds_a_base(run_cli: RunCli, mini_base: Path) -> None:
    before = (mini_base / "facts.toml").read_bytes()
    result = run_cli("init", str(mini_base))
    assert result.code == 2
    assert "already holds" in result.stderr
    assert (mini_base / "facts.toml").read_bytes() == before


def test_add_fact_keeps_every_existing_byte_and_appends_one_entry(run_cli: RunCli, mini_base: Path,
                                                                  validate_json: Callable[[Any, str], None]) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()
    result = run_cli("add-fact", "--base", str(mini_base), "--json",
                     "--claim", "The island's 2024 protests lasted 3 weeks.", "--kind", "event",
                     "--date", "2024-05", "--tag", "protests", "--entity", "Island",
                     "--value", "~3 weeks duration", "--cite", "gazete-ada:3",
                     "--caveat", "note: the length is disputed")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "added")
    entry = result.json()["entry"]
    assert entry["id"] == "island-2024-protests-lasted-3-weeks"
    assert entry["values"] == [{"value": 3.0, "unit": "weeks", "measure": "duration", "approximate": True,
                                "scope": None}]
    appended = tomllib.loads(added_part(before, facts.read_bytes()))
    assert [fact["id"] for fact in appended["fact"]] == [entry["id"]]
    assert appended["fact"][0]["citations"] == [{"source": "gazete-ada", "footnote": 3}]
    # Old facts keep their order, the new one comes last.
    assert [f.id for f in load_base(mini_base).facts][-1] == entry["id"]


def test_add_fact_to_the_bundled_base_keeps_its_comments_and_blank_lines(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "copy"
    target.mkdir()
    for name in ("facts.toml", "sources.toml"):
        (target / name).write_bytes((ROOT / name).read_bytes())
    before = (target / "facts.toml").read_bytes()
    assert b"#" in before and b"\n\n" in before
    result = run_cli("add-fact", "--base", str(target), "--claim", "A new claim.", "--kind", "statement")
    assert result.code == 0, result.stderr
    added = added_part(before, (target / "facts.toml").read_bytes())
    assert added.lstrip("\n").startswith("[[fact]]\nid = \"new-claim\"\n")


def test_add_fact_keeps_a_byte_order_mark_and_windows_line_endings(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    crlf = b"\xef\xbb\xbf" + facts.read_bytes().replace(b"\n", b"\r\n")
    facts.write_bytes(crlf)
    result = run_cli("add-fact", "--base", str(mini_base), "--claim", "Line endings matter.", "--kind", "statement")
    assert result.code == 0, result.stderr
    added = added_part(crlf, facts.read_bytes())
    assert "\r\n" in added and "\n" not in added.replace("\r\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--claim", "Bad kind.", "--kind", "rumour"), "unknown kind 'rumour'"),
        (("--claim", "Bad source.", "--kind", "statement", "--cite", "no-such-source"), "unknown source key"),
        (("--claim", "Bad footnote.", "--kind", "statement", "--cite", "daily-news:9"), "is not footnote 9"),
        (("--claim", "Taken id.", "--kind", "statement", "--id", "island-no-2020"), "already used"),
        (("--claim", "Bad id.", "--kind", "statement", "--id", "Not An Id"), "lowercase"),
        (("--claim", "Bad date.", "--kind", "statement", "--date", "2024-02-30"), "not a real date"),
        (("--claim", "Bad value.", "--kind", "statistic", "--value", "lots"), "NUMBER UNIT MEASURE"),
        (("--claim", "No kind."), "--kind is required"),
    ],
)
def test_a_rejected_fact_leaves_the_files_unchanged(run_cli: RunCli, mini_base: Path, args: tuple[str, ...],
                                                    message: str) -> None:
    before = {name: (mini_base / name).read_bytes() for name in ("facts.toml", "sources.toml")}
    result = run_cli("add-fact", "--base", str(mini_base), *args)
    assert result.code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert {name: (mini_base / name).read_bytes() for name in before} == before
    assert leftovers(mini_base) == []


def test_suggested_ids_come_from_the_claim_and_stay_unique(run_cli: RunCli, mini_base: Path) -> None:
    ids = []
    for _ in range(3):
        result = run_cli("add-fact", "--base", str(mini_base), "--json", "--claim", "The Minister resigned.",
                         "--kind", "event", "--force")  # the same claim again, on purpose
        ids.append(result.json()["entry"]["id"])
    assert ids == ["minister-resigned", "minister-resigned-2", "minister-resigned-3"]


def test_slug_folds_accents_and_drops_stopwords() -> None:
    assert editing.slug("Gérald Darmanin accused Azerbaijan of the interference in 2024") == \
        "gerald-darmanin-accused-azerbaijan-interference-2024"


def test_add_source_appends_and_the_new_key_can_be_cited(run_cli: RunCli, mini_base: Path,
                                                         validate_json: Callable[[Any, str], None]) -> None:
    sources = mini_base / "sources.toml"
    before = sources.read_bytes()
    result = run_cli("add-source", "--base", str(mini_base), "--json", "--outlet", "Le Monde",
                     "--title", "La Nouvelle-Calédonie vote", "--title-en", "New Caledonia votes",
                     "--language", "fr", "--kind", "news-article", "--url", "https://lemonde.example/nc",
                     "--accessed", "2025-01-02")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "added")
    key = result.json()["entry"]["key"]
    assert key == "le-monde-nouvelle-caledonie-vote"
    appended = tomllib.loads(added_part(before, sources.read_bytes()))
    assert appended["source"][0]["title_en"] == "New Caledonia votes"
    cited = run_cli("add-fact", "--base", str(mini_base), "--claim", "It voted.", "--kind", "event", "--cite", key)
    assert cited.code == 0, cited.stderr


def test_a_rejected_source_leaves_the_file_unchanged(run_cli: RunCli, mini_base: Path) -> None:
    before = (mini_base / "sources.toml").read_bytes()
    result = run_cli("add-source", "--base", str(mini_base), "--outlet", "X", "--title", "Y", "--kind", "blog")
    assert result.code == 2
    assert "not written, the file is unchanged; in the file as it would be: " in result.stderr
    assert (mini_base / "sources.toml").read_bytes() == before
    taken = run_cli("add-source", "--base", str(mini_base), "--key", "daily-news", "--outlet", "X", "--title", "Y",
                    "--kind", "news-article")
    assert taken.code == 2 and "already used" in taken.stderr


def test_a_crash_before_the_rename_leaves_the_old_file(mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    fact = Fact(id="", claim="Never written.", kind="statement")
    with pytest.raises(BaseWriteError, match=r"facts\.toml: cannot write: disk full$"):
        editing.add_fact(mini_base, fact)
    assert facts.read_bytes() == before
    assert leftovers(mini_base) == []


def test_a_file_that_cannot_be_written_is_one_line_and_leaves_the_base(run_cli: RunCli, mini_base: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = (mini_base / "facts.toml").read_bytes()

    def refused(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = run_cli("add-fact", "--base", str(mini_base), "--claim", "Never written.", "--kind", "statement")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"nc-facts: error: {mini_base / 'facts.toml'}: cannot write: Permission denied\n"
    assert (mini_base / "facts.toml").read_bytes() == before


def test_a_lock_that_cannot_be_created_is_one_line(run_cli: RunCli, mini_base: Path) -> None:
    (mini_base / ".nc-facts.lock").mkdir()  # a directory where the lock's file belongs
    before = (mini_base / "sources.toml").read_bytes()
    result = run_cli("add-source", "--base", str(mini_base), "--outlet", "X", "--title", "Y", "--kind", "analysis")
    assert result.code == 2
    assert result.stderr.startswith(f"nc-facts: error: {mini_base / '.nc-facts.lock'}: cannot create the lock file: ")
    assert result.stderr.count("\n") == 1
    assert (mini_base / "sources.toml").read_bytes() == before


def test_an_edit_needs_an_existing_base_directory_and_makes_none(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "new" / "sub"
    result = run_cli("add-fact", "--base", str(missing), "--claim", "x", "--kind", "statement")
    assert result.code == 2
    assert result.stderr == (f"nc-facts: error: {missing}: no such base directory "
                             f"(start one with 'nc-facts init {missing}')\n")
    assert not (tmp_path / "new").exists()
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    result = run_cli("add-source", "--base", str(a_file), "--outlet", "X", "--title", "Y", "--kind", "analysis")
    assert result.stderr == (f"nc-facts: error: {a_file}: is not a directory "
                             "(a base is a directory with facts.toml and sources.toml)\n")


def test_init_where_a_directory_cannot_be_made_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    target = tmp_path / "a-file" / "base"
    result = run_cli("init", str(target))
    assert result.code == 2
    assert result.stderr == f"nc-facts: error: {target}: cannot create the directory: Not a directory\n"


def test_an_edit_keeps_the_file_permissions(mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    facts.chmod(0o640)
    editing.add_fact(mini_base, Fact(id="", claim="Permissions stay.", kind="statement"))
    assert facts.stat().st_mode & 0o777 == 0o640


def test_concurrent_add_fact_processes_all_land(mini_base: Path) -> None:
    writers = 6
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "nc_facts", "add-fact", "--base", str(mini_base),
             "--claim", f"Concurrent writer number {n} was here.", "--kind", "statement"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment,
        )
        for n in range(writers)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    ids = {fact.id for fact in load_base(mini_base).facts}
    assert {f"concurrent-writer-number-{n}-here" for n in range(writers)} <= ids
    assert leftovers(mini_base) == []


def test_add_fact_asks_for_each_field_in_a_terminal(run_cli: RunCli, mini_base: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts.cli.commands import desk

    answers = [
        "The harbour closed in May 2024.",  # claim
        "",  # id: take the suggestion
        "event",  # kind
        "the harbour was closed",  # quote
        "2",  # paragraph
        "",  # claimant
        "2024-05",  # dates
        "Island, Harbour",  # entities
        "protests",  # tags
        "",  # values
        "gazete-ada:2",  # sources
        "",  # caveats
    ]
    monkeypatch.setattr(desk, "_can_prompt", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    result = run_cli("add-fact", "--base", str(mini_base))
    assert result.code == 0, result.stderr
    fact = load_base(mini_base).get("harbour-closed-may-2024")
    assert fact is not None
    assert fact.quote == "the harbour was closed"
    assert fact.paragraph == 2
    assert fact.entities == ("Island", "Harbour")
    assert [c.source for c in fact.citations] == ["gazete-ada"]


def test_without_a_terminal_missing_fields_are_errors_not_prompts(run_cli: RunCli, mini_base: Path) -> None:
    result = run_cli("add-source", "--base", str(mini_base), "--outlet", "X")
    assert result.code == 2
    assert "--title is required" in result.stderr


@pytest.mark.parametrize(("option", "text", "field"), [
    ("--caveat", "imprecise@encyclopedia-islnd: the roll was revised", "caveats[0].source"),
    ("--better", "encyclopedia-islnd: 85.69 percent turnout", "better_values[0].source"),
])
def test_a_misspelt_source_of_a_caveat_or_better_figure_gets_a_suggestion(
        run_cli: RunCli, mini_base: Path, option: str, text: str, field: str) -> None:
    result = run_cli("add-fact", "--base", str(mini_base), "--claim", "A new claim.", "--kind", "statistic",
                     option, text)
    assert result.code == 2
    assert result.stderr.endswith(f"field '{field}': unknown source key 'encyclopedia-islnd' "
                                  f"(did you mean 'encyclopedia-island'?)\n")

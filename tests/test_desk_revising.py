"""edit-fact, edit-source, correct, retire, remove: the edited entry changes, every other byte stays."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nc_facts import load_base
from nc_facts.errors import EntryRejectedError

from conftest import ROOT, RunCli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TODAY = dt.date.today().isoformat()


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled base: a real file with comments, grouping and 80 facts."""
    target = tmp_path / "bundled"
    target.mkdir()
    for name in ("facts.toml", "sources.toml"):
        shutil.copyfile(ROOT / name, target / name)
    return target


def entry_bounds(data: bytes, array: str, identity: str) -> tuple[int, int]:
    """Byte offsets of the ``[[array]]`` entry holding ``identity``: its header to the next entry's header.

    The end is moved back over the blank and comment lines before the next header, which belong to it.
    """
    at = data.index(identity.encode())
    header = f"[[{array}]]".encode()
    start = data.rindex(header, 0, at)
    following = re.compile(rb"^\[\[(?!" + array.encode() + rb"\.)[^\]]+\]\]", re.MULTILINE).search(data, at)
    end = following.start() if following else len(data)
    while True:
        line_start = data.rfind(b"\n", 0, end - 1) + 1
        line = data[line_start:end].strip()
        if end <= start or (line and not line.startswith(b"#")):
            return start, end
        end = line_start


def assert_only_entry_changed(before: bytes, after: bytes, array: str, identity: str) -> bytes:
    """Fails unless the bytes before and after the entry are the same; returns the entry's new bytes."""
    start, end = entry_bounds(before, array, identity)
    assert after[:start] == before[:start], "bytes before the entry changed"
    tail = before[end:]
    assert after.endswith(tail), "bytes after the entry changed"
    return after[start:len(after) - len(tail)]


def fact_id_line(fact_id: str) -> str:
    return f'id = "{fact_id}"'


def test_edit_fact_changes_one_entry_of_the_bundled_base_and_nothing_else(
        run_cli: RunCli, bundled_copy: Path, validate_json: Callable[[Any, str], None]) -> None:
    facts = bundled_copy / "facts.toml"
    before = facts.read_bytes()
    result = run_cli("edit-fact", "referendum-2020-no-share", "--base", str(bundled_copy), "--json",
                     "--claimant", "The electoral commission", "--tag", "referendum")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "revised")
    document = result.json()
    assert (document["action"], document["kind"], document["files"]) == ("edited", "fact", [str(facts)])
    assert document["entry"]["claimant"] == "The electoral commission"
    assert document["entry"]["tags"] == ["referendum"]
    entry = assert_only_entry_changed(before, facts.read_bytes(), "fact", fact_id_line("referendum-2020-no-share"))
    table = tomllib.loads(entry.decode())["fact"][0]
    assert table["claimant"] == "The electoral commission"
    # Unchanged keys keep their text: the quote line is the same bytes as before.
    old_quote = next(line for line in before.decode().splitlines()[before[:before.index(
        b'id = "referendum-2020-no-share"')].count(b"\n"):] if line.startswith("quote = "))
    assert old_quote in entry.decode()
    assert load_base(bundled_copy).get("referendum-2020-no-share") is not None


def test_an_edit_keeps_crlf_line_endings_a_byte_order_mark_and_comments_inside_the_entry(
        run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    text = facts.read_text(encoding="utf-8").replace(
        'paragraph = 1\nkind = "statistic"\nevent = "referendum-2020"\ndates = ["2020"]\ntags = ["referendum", '
        '"vote-share"]',
        'paragraph = 1  # the first paragraph\nkind = "statistic"\nevent = "referendum-2020"\ndates = ["2020"]\n'
        'tags = ["referendum", "vote-share"]', 1)
    facts.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    before = facts.read_bytes()
    result = run_cli("edit-fact", "island-no-2020", "--base", str(mini_base), "--claim", "53.26 % voted no in 2020.")
    assert result.code == 0, result.stderr
    after = facts.read_bytes()
    entry = assert_only_entry_changed(before, after, "fact", fact_id_line("island-no-2020"))
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n")
    assert b"paragraph = 1  # the first paragraph\r\n" in entry
    assert b'claim = "53.26 % voted no in 2020."\r\n' in entry


def test_clear_empties_a_field_and_an_invalid_edit_leaves_the_file_unchanged(run_cli: RunCli,
                                                                            mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    cleared = run_cli("edit-fact", "island-turnout-2020", "--base", str(mini_base), "--json", "--clear", "quote",
                      "--clear", "aliases")
    assert cleared.code == 0, cleared.stderr
    assert (cleared.json()["entry"]["quote"], cleared.json()["entry"]["aliases"]) == (None, [])
    before = facts.read_bytes()
    rejected = run_cli("edit-fact", "island-turnout-2020", "--base", str(mini_base), "--cite", "dailly-news")
    assert rejected.code == 2
    assert "unknown source key 'dailly-news' (did you mean 'daily-news'?)" in rejected.stderr
    assert facts.read_bytes() == before
    required = run_cli("edit-fact", "island-turnout-2020", "--base", str(mini_base), "--clear", "claim")
    assert required.code == 2
    assert "--clear claim: not a field that can be emptied" in required.stderr


def test_unknown_ids_and_keys_are_refused_with_suggestions(run_cli: RunCli, mini_base: Path) -> None:
    fact = run_cli("retire", "island-no-202", "--base", str(mini_base), "--reason", "typo")
    assert fact.code == 2
    assert fact.stderr == ("nc-facts: error: no fact with id 'island-no-202'; did you mean island-no-2020, "
                           "island-turnout-2020, island-yes-2020?\n")
    source = run_cli("edit-source", "daily-new", "--base", str(mini_base), "--note", "x")
    assert source.code == 2
    assert source.stderr == "nc-facts: error: no source with key 'daily-new'; did you mean daily-news?\n"


def test_edit_source_changes_its_entry_only(run_cli: RunCli, bundled_copy: Path,
                                            validate_json: Callable[[Any, str], None]) -> None:
    sources = bundled_copy / "sources.toml"
    before = sources.read_bytes()
    key = next(iter(load_base(bundled_copy).sources))
    result = run_cli("edit-source", key, "--base", str(bundled_copy), "--json", "--note", "checked again")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "revised")
    assert result.json()["entry"]["note"] == "checked again"
    entry = assert_only_entry_changed(before, sources.read_bytes(), "source", f'key = "{key}"')
    assert tomllib.loads(entry.decode())["source"][0]["note"] == "checked again"


def test_correct_appends_a_dated_caveat_and_better_value_after_the_old_ones(run_cli: RunCli,
                                                                           mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()
    result = run_cli("correct", "island-turnout-2020", "--base", str(mini_base), "--json",
                     "--caveat", "note@daily-news: the paper printed the provisional figure",
                     "--better", "daily-news: 85.7 percent turnout; rounded")
    assert result.code == 0, result.stderr
    entry = result.json()["entry"]
    assert [c["corrected"] for c in entry["caveats"]] == [None, TODAY]
    assert entry["caveats"][1]["source"]["source"] == "daily-news"
    assert [(b["value"], b["note"], b["corrected"]) for b in entry["better_values"]] == [
        (85.69, "final result", None), (85.7, "rounded", TODAY)]
    new = assert_only_entry_changed(before, facts.read_bytes(), "fact", fact_id_line("island-turnout-2020"))
    start, end = entry_bounds(before, "fact", fact_id_line("island-turnout-2020"))
    new_lines = iter(new.splitlines())
    assert all(line in new_lines for line in before[start:end].splitlines()), "a line of the old entry changed"
    empty = run_cli("correct", "island-turnout-2020", "--base", str(mini_base))
    assert empty.code == 2
    assert "a correction needs a caveat or a better value" in empty.stderr


def test_a_retired_fact_stays_but_leaves_search_list_and_timeline(run_cli: RunCli, mini_base: Path) -> None:
    base = str(mini_base)
    assert "minister-allegation-2024" in [r["id"] for r in run_cli("search", "minister foreign power", "--base",
                                                                   base, "--json").json()["results"]]
    result = run_cli("retire", "minister-allegation-2024", "--base", base, "--reason", "withdrawn by the paper")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[1].strip() == "reason: withdrawn by the paper"
    found = run_cli("search", "minister foreign power", "--base", base, "--json")
    assert "minister-allegation-2024" not in [r["id"] for r in found.json().get("results", [])]
    asked = run_cli("search", "minister foreign power", "--base", base, "--json", "--include-retired")
    assert asked.json()["results"][0]["id"] == "minister-allegation-2024"
    listed = [f["id"] for f in run_cli("list", "--base", base, "--json").json()["facts"]]
    assert "minister-allegation-2024" not in listed
    everything = run_cli("list", "--base", base, "--json", "--include-retired").json()
    retired = next(f for f in everything["facts"] if f["id"] == "minister-allegation-2024")
    assert retired["retired"] == {"reason": "withdrawn by the paper", "date": TODAY}
    timeline = run_cli("timeline", "--base", base, "--json").json()
    assert "minister-allegation-2024" not in [e["fact"]["id"] for e in timeline["entries"]]
    shown = run_cli("show", "minister-allegation-2024", "--base", base, "--no-color")
    assert f"RETIRED on {TODAY}: withdrawn by the paper" in shown.stdout
    assert load_base(mini_base).get("minister-allegation-2024") is not None


def test_remove_is_refused_while_cited_and_force_removes_the_references(run_cli: RunCli, mini_base: Path) -> None:
    base = str(mini_base)
    refused = run_cli("remove", "island-no-2020", "--base", base)
    assert refused.code == 2
    assert refused.stderr == ("nc-facts: error: fact 'island-no-2020' is not removed: 1 fact(s) derived from it "
                              "(island-yes-2020); --force removes it and those references\n")
    source_refused = run_cli("remove", "--source", "encyclopedia-island", "--base", base)
    assert source_refused.code == 2
    assert "1 fact(s) citing it (island-turnout-2020)" in source_refused.stderr
    removed = run_cli("remove", "--source", "encyclopedia-island", "--base", base, "--json", "--force")
    assert removed.code == 0, removed.stderr
    assert removed.json()["also_changed"] == ["island-turnout-2020"]
    after = load_base(mini_base)
    assert "encyclopedia-island" not in after.sources
    turnout = after.get("island-turnout-2020")
    assert turnout is not None and turnout.better_values == () and turnout.caveats[0].source == ""


def test_removing_an_uncited_fact_takes_its_lines_and_one_separator(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()
    start, end = entry_bounds(before, "fact", fact_id_line("minister-allegation-2024"))
    result = run_cli("remove", "minister-allegation-2024", "--base", str(mini_base))
    assert result.code == 0, result.stderr
    after = facts.read_bytes()
    rest = before[end:].lstrip(b"\n")
    assert after in (before[:start] + rest, before[:start].rstrip(b"\n") + b"\n")
    assert load_base(mini_base).get("minister-allegation-2024") is None


def test_a_header_inside_a_multiline_string_does_not_cut_the_entry(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    text = facts.read_text(encoding="utf-8").replace(
        'quote = "which saw a high turnout of 85.64%"', 'quote = """which saw\n[[fact]]\na high turnout of 85.64%"""')
    facts.write_text(text, encoding="utf-8")
    before = facts.read_bytes()
    result = run_cli("edit-fact", "island-turnout-2020", "--base", str(mini_base), "--json", "--event", "vote-2020")
    assert result.code == 0, result.stderr
    assert result.json()["entry"]["quote"] == "which saw\n[[fact]]\na high turnout of 85.64%"
    after = facts.read_bytes()
    assert after.replace(b'event = "vote-2020"', b'event = "referendum-2020"') == before


def test_add_fact_takes_every_field_as_an_option(run_cli: RunCli, mini_base: Path,
                                                 validate_json: Callable[[Any, str], None]) -> None:
    options = ["--base", str(mini_base), "--json", "--claim", "Of 2,001,926 voters, 46.74 % said yes.",
               "--kind", "statistic", "--value", "46.74% yes share", "--value", "2,001,926 count registered voters",
               "--better", "encyclopedia-island: 2,001,900 count registered voters; final roll",
               "--caveat", "imprecise@encyclopedia-island: the roll was revised",
               "--derived-from", "island-no-2020"]
    wrong = run_cli("add-fact", *options, "--derivation", "100 - 53.2")
    assert wrong.code == 2
    lines = len((mini_base / "facts.toml").read_text(encoding="utf-8").splitlines())
    assert wrong.stderr == (
        f"nc-facts: error: not written, the file is unchanged; in the file as it would be: {mini_base}/facts.toml:"
        f"{lines + 7}, id '2-001-926-voters-46-74', field 'derivation': derivation gives 46.8, but the fact's "
        f"values are 46.74, 2001926; also: {mini_base}/facts.toml:{lines + 7}, id '2-001-926-voters-46-74'"
        f", field 'derivation': 53.2 in the derivation is not a value of island-no-2020\n")
    result = run_cli("add-fact", *options, "--derivation", "100 - 53.26")
    assert result.code == 0, result.stderr
    validate_json(result.json(), "added")
    entry = result.json()["entry"]
    assert entry["values"] == [
        {"value": 46.74, "unit": "percent", "measure": "yes share", "approximate": False, "scope": None},
        {"value": 2001926, "unit": "count", "measure": "registered voters", "approximate": False, "scope": None}]
    assert [(b["value"], b["note"], b["source"]["source"]) for b in entry["better_values"]] == [
        (2001900, "final roll", "encyclopedia-island")]
    assert entry["caveats"][0]["source"]["source"] == "encyclopedia-island"
    assert (entry["derived_from"], entry["derivation"]) == (["island-no-2020"], "100 - 53.26")
    # Counts are written as people write them, not as 2001926.0.
    assert "value = 2001926\n" in (mini_base / "facts.toml").read_text(encoding="utf-8")


def test_a_claim_already_in_the_base_is_reported_with_its_id(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()
    again = run_cli("add-fact", "--base", str(mini_base), "--claim", "turnout in the island's 2020 referendum was "
                    "85.64 %", "--kind", "statistic")
    assert again.code == 2
    assert again.stderr == ("nc-facts: error: the base already holds this claim as fact 'island-turnout-2020' "
                            "(nc-facts show island-turnout-2020); nothing was added (--force adds a second copy)\n")
    assert facts.read_bytes() == before


def test_tag_filters_ignore_case_and_suggest_near_tags(run_cli: RunCli, mini_base: Path) -> None:
    exact = run_cli("list", "--base", str(mini_base), "--json", "--tag", "turnout").json()["facts"]
    upper = run_cli("list", "--base", str(mini_base), "--json", "--tag", "TURNOUT").json()["facts"]
    assert [f["id"] for f in upper] == [f["id"] for f in exact] == ["island-turnout-2020"]
    typo = run_cli("list", "--base", str(mini_base), "--tag", "turnuot")
    assert typo.code == 2
    assert typo.stderr == "nc-facts: error: --tag: no fact has the tag 'turnuot'; did you mean turnout?\n"


def test_init_ignores_the_lock_file_and_leaves_none_behind(run_cli: RunCli, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    created = run_cli("init", str(fresh), "--json")
    assert created.code == 0, created.stderr
    assert created.json()["created"][-1] == str(fresh / ".gitignore")
    assert sorted(path.name for path in fresh.iterdir()) == [".gitignore", "facts.toml", "sources.toml"]
    assert ".nc-facts.lock" in (fresh / ".gitignore").read_text(encoding="utf-8").splitlines()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / ".gitignore").write_bytes(b"*.pdf\r\nnotes/")
    assert run_cli("init", str(kept)).code == 0
    ignore = (kept / ".gitignore").read_bytes()
    assert ignore.startswith(b"*.pdf\r\nnotes/\r\n") and ignore.endswith(b".nc-facts.lock\r\n")
    assert not (kept / ".nc-facts.lock").exists()


def test_a_retirement_date_without_a_reason_is_refused(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        'aliases = ["participation"]\n', 'aliases = ["participation"]\nretired_on = "2024-01-01"\n'), encoding="utf-8")
    result = run_cli("validate", "--base", str(mini_base), "--json")
    assert [(p["id"], p["field"], p["message"]) for p in result.json()["problems"]] == [
        ("island-turnout-2020", "retired_on", "a retirement date needs the reason (retired)")]


_BUNDLED_IDS = [fact.id for fact in load_base(ROOT).facts]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(_BUNDLED_IDS) - 1),
       claim=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                     max_size=80).filter(str.strip),
       tags=st.lists(st.text("abcdefgh-", min_size=1, max_size=8), max_size=3),
       line_ending=st.sampled_from(["\n", "\r\n"]))
def test_any_edit_of_any_fact_keeps_every_byte_outside_it(bundled_copy: Path, index: int, claim: str,
                                                          tags: list[str], line_ending: str) -> None:
    from nc_facts import revising

    facts = bundled_copy / "facts.toml"
    original = (ROOT / "facts.toml").read_text(encoding="utf-8")
    facts.write_bytes(original.replace("\n", line_ending).encode("utf-8"))
    before = facts.read_bytes()
    fact_id = _BUNDLED_IDS[index]
    try:
        revising.edit_fact(bundled_copy, fact_id, {"claim": claim, "tags": tuple(tags)})
    except EntryRejectedError:  # a claim a rule refuses (all blank after folding...): the file must be unchanged
        assert facts.read_bytes() == before
        return
    after = facts.read_bytes()
    assert_only_entry_changed(before, after, "fact", fact_id_line(fact_id))
    edited = load_base(bundled_copy).get(fact_id)
    assert edited is not None and (edited.claim, edited.tags) == (claim, tuple(tags))
    if line_ending == "\r\n":
        assert after.count(b"\n") == after.count(b"\r\n")


def test_force_removes_a_fact_and_the_derivations_from_it(run_cli: RunCli, mini_base: Path) -> None:
    result = run_cli("remove", "island-no-2020", "--base", str(mini_base), "--force", "--json")
    assert result.code == 0, result.stderr
    assert (result.json()["action"], result.json()["entry"]["id"], result.json()["also_changed"]) == (
        "removed", "island-no-2020", ["island-yes-2020"])
    after = load_base(mini_base)
    assert after.get("island-no-2020") is None
    yes = after.get("island-yes-2020")
    assert yes is not None and (yes.derived_from, yes.derivation) == ((), "")


def test_edit_source_turns_from_article_off_and_its_footnotes_with_it(run_cli: RunCli, mini_base: Path) -> None:
    refused = run_cli("edit-source", "gazete-ada", "--base", str(mini_base), "--not-from-article")
    assert refused.code == 2
    assert "field 'footnotes': only sources from the article have footnote numbers" in refused.stderr
    cited = [f.id for f in load_base(mini_base).facts if any(c.source == "gazete-ada" for c in f.citations)]
    for fact_id in cited:  # the facts cite it by footnote: drop the footnotes first
        assert run_cli("edit-fact", fact_id, "--base", str(mini_base), "--cite", "gazete-ada").code == 0
    result = run_cli("edit-source", "gazete-ada", "--base", str(mini_base), "--not-from-article", "--clear",
                     "footnotes", "--json")
    assert result.code == 0, result.stderr
    assert (result.json()["entry"]["from_article"], result.json()["entry"]["footnotes"]) == (False, [])


def test_an_inline_array_of_tables_stays_inline_when_it_changes(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    text = facts.read_text(encoding="utf-8").replace(
        'tags = ["referendum", "vote-share"]\n\n[[fact.values]]\nvalue = 53.26\nunit = "percent"\n'
        'measure = "no share"\n',
        'tags = ["referendum", "vote-share"]\nvalues = [{value = 53.26, unit = "percent", measure = "no share"}]\n', 1)
    facts.write_text(text, encoding="utf-8")
    result = run_cli("edit-fact", "island-no-2020", "--base", str(mini_base), "--value", "53.26% no share",
                     "--value", "1,000 count votes")
    assert result.code == 0, result.stderr
    assert ('values = [{value = 53.26, unit = "percent", measure = "no share"}, '
            '{value = 1000, unit = "count", measure = "votes"}]\n') in facts.read_text(encoding="utf-8")


def test_replaced_sub_tables_are_spaced_as_written_by_hand(run_cli: RunCli, mini_base: Path) -> None:
    result = run_cli("edit-fact", "island-turnout-2020", "--base", str(mini_base), "--value", "85.69 percent turnout",
                     "--value", "154,918 count votes", "--clear", "citations")
    assert result.code == 0, result.stderr
    text = (mini_base / "facts.toml").read_text(encoding="utf-8")
    assert ('aliases = ["participation"]\n\n[[fact.values]]\nvalue = 85.69\nunit = "percent"\nmeasure = "turnout"\n\n'
            '[[fact.values]]\nvalue = 154918\nunit = "count"\nmeasure = "votes"\n\n[[fact.caveats]]\n') in text


def test_check_leaves_a_retired_fact_out(run_cli: RunCli, mini_base: Path) -> None:
    claim = "Turnout in the island's 2020 referendum was 85.64 %."
    before = run_cli("check", claim, "--base", str(mini_base), "--json")
    assert before.json()["verdict"] == "supported", before.stdout
    assert run_cli("retire", "island-turnout-2020", "--base", str(mini_base), "--reason", "recount").code == 0
    after = run_cli("check", claim, "--base", str(mini_base), "--json")
    assert after.json()["verdict"] == "not_enough_info"
    assert "island-turnout-2020" not in after.stdout


def windows_copy(base: Path) -> dict[str, bytes]:
    """Both files of ``base`` rewritten with a byte-order mark and CRLF line endings; returns their bytes."""
    written = {}
    for name in ("facts.toml", "sources.toml"):
        path = base / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
        written[name] = path.read_bytes()
    return written


@pytest.mark.parametrize(("args", "file", "array", "identity"), [
    (("correct", "referendum-2020-turnout", "--caveat", "note: rounded by the article"), "facts.toml", "fact",
     fact_id_line("referendum-2020-turnout")),
    (("retire", "referendum-2020-turnout", "--reason", "superseded"), "facts.toml", "fact",
     fact_id_line("referendum-2020-turnout")),
    (("edit-fact", "referendum-2020-turnout", "--value", "85.69% turnout", "--tag", "Turnout"), "facts.toml",
     "fact", fact_id_line("referendum-2020-turnout")),
    (("edit-source", "aa-fransa-guney-kafkasya", "--author", "Anna van der Berg", "--note", "read again"),
     "sources.toml", "source", 'key = "aa-fransa-guney-kafkasya"'),
])
def test_each_edit_of_a_windows_file_keeps_every_byte_outside_its_entry(
        run_cli: RunCli, bundled_copy: Path, args: tuple[str, ...], file: str, array: str, identity: str) -> None:
    before = windows_copy(bundled_copy)
    result = run_cli(*args, "--base", str(bundled_copy))
    assert result.code == 0, result.stderr
    after = (bundled_copy / file).read_bytes()
    entry = assert_only_entry_changed(before[file], after, array, identity)
    assert entry.count(b"\n") == entry.count(b"\r\n") > 0
    assert after.startswith(b"\xef\xbb\xbf")
    other = "sources.toml" if file == "facts.toml" else "facts.toml"
    assert (bundled_copy / other).read_bytes() == before[other]


def test_removing_a_fact_from_a_windows_file_takes_only_its_lines(run_cli: RunCli, bundled_copy: Path) -> None:
    before = windows_copy(bundled_copy)["facts.toml"]
    start, end = entry_bounds(before, "fact", fact_id_line("referendum-2018-turnout"))
    assert run_cli("remove", "referendum-2018-turnout", "--base", str(bundled_copy)).code == 0
    assert (bundled_copy / "facts.toml").read_bytes() == before[:start] + before[end:].lstrip(b"\r\n")


def test_importing_into_a_windows_file_appends_in_its_line_endings(run_cli: RunCli, bundled_copy: Path,
                                                                    tmp_path: Path) -> None:
    before = windows_copy(bundled_copy)["sources.toml"]
    library = tmp_path / "library.ris"
    library.write_text("TY  - NEWS\nTI  - New Caledonia votes no\nT2  - The Guardian\nAU  - Greenslade, Roy\n"
                       "UR  - https://www.theguardian.com/world/2018/nov/04/new-caledonia-votes\nER  - \n",
                       encoding="utf-8")
    assert run_cli("import", str(library), "--base", str(bundled_copy)).code == 0
    after = (bundled_copy / "sources.toml").read_bytes()
    assert after.startswith(before)
    added = after[len(before):]
    assert b'author = [{family = "Greenslade", given = "Roy"}]\r\n' in added
    assert added.count(b"\n") == added.count(b"\r\n")


def test_retire_is_refused_while_standing_facts_derive_from_it(run_cli: RunCli, mini_base: Path) -> None:
    facts = mini_base / "facts.toml"
    before = facts.read_bytes()
    refused = run_cli("retire", "island-no-2020", "--base", str(mini_base), "--reason", "recount")
    assert (refused.code, refused.stderr) == (2, (
        "nc-facts: error: fact 'island-no-2020' is not retired: 1 fact(s) that still stand are derived from it "
        "(island-yes-2020); retire or edit those first, or --force retires it anyway\n"))
    assert facts.read_bytes() == before
    # Once the derived fact is retired itself, nothing that stands rests on it.
    assert run_cli("retire", "island-yes-2020", "--base", str(mini_base), "--reason", "recount").code == 0
    assert run_cli("retire", "island-no-2020", "--base", str(mini_base), "--reason", "recount").code == 0


def test_retire_with_force_leaves_the_derived_facts_as_they_are(run_cli: RunCli, mini_base: Path) -> None:
    result = run_cli("retire", "island-no-2020", "--base", str(mini_base), "--reason", "recount", "--force")
    assert result.code == 0, result.stderr
    after = load_base(mini_base)
    assert after.get("island-no-2020").retired == "recount"  # type: ignore[union-attr]
    assert after.get("island-yes-2020").derived_from == ("island-no-2020",)  # type: ignore[union-attr]

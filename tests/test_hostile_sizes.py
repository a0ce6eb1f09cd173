"""Input of any size: a draft is read sentence by sentence, an endless one answered as it goes, binary input
refused, and the limits that apply said in one line.  Behaviour is tested, not time (benchmarks/hostile_sizes.py
measures time and memory).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import drafts
from nc_facts.claims import split_sentences
from nc_facts.errors import DraftError

from conftest import ARTICLE, MINI_BASE, RunCli

DRAFTS = {
    "paragraphs": "# The vote\n\nTurnout in 2020 was 85.64 %. It was high.\nIt rose again.\n\nA second one. A third!",
    "lists": "Intro line\n- Item one. Item two\n- Item three\n1. Numbered item.\n> Quoted. Two.\nAfter it. End.",
    "abbreviations": "J. Cook sailed. Mr. Darmanin spoke.\nDr.\nSmith came. St. Louis is far.",
    "crlf": "One sentence.\r\nTwo sentence. Three\r\n\r\nFour.\r\n",
    "setext": "Heading\n=======\n\nText here. More text. \n   \n  Indented start. Ends “quoted.” Then more.",
    "one-line": "Sentence number one. " * 300,
}


def streamed(text: str, **limits: Any) -> list[str]:
    return list(drafts.draft_sentences(io.StringIO(text, newline=""), "draft.md", **limits))


@pytest.mark.parametrize("name", sorted(DRAFTS))
@pytest.mark.parametrize("read_chars", [8, 64, drafts.READ_CHARS])
def test_a_streamed_draft_has_the_sentences_of_the_whole_text(name: str, read_chars: int) -> None:
    assert streamed(DRAFTS[name], read_chars=read_chars) == split_sentences(DRAFTS[name])


def test_the_article_streamed_has_the_sentences_of_the_whole_text() -> None:
    if not ARTICLE.exists():
        pytest.skip(f"the seed article is not beside the checkout ({ARTICLE.name})")
    text = ARTICLE.read_text(encoding="utf-8")
    assert streamed(text, read_chars=100) == split_sentences(text)


def test_a_sentence_over_the_limit_is_cut_and_said_so() -> None:
    said: list[str] = []
    text = "Short one. Long " + "word " * 50 + "end of it. Next sentence here.\n\nLast."
    sentences = list(drafts.draft_sentences(io.StringIO(text), "draft.md", said.append, read_chars=16, max_chars=60))
    assert sentences[0] == "Short one."
    assert len(sentences[1]) == 60 and sentences[1].startswith("Long word word")
    assert sentences[2:] == ["Next sentence here.", "Last."]  # the rest of the long one is skipped, no more
    assert said == ["draft.md: line 1: a sentence longer than 60 characters; checked on its first 60, "
                    "the rest skipped"]


def test_a_line_without_end_is_read_in_pieces() -> None:
    # A 'line' as long as the whole input never sits in memory: the pieces are read one by one.
    pieces = list(drafts.text_pieces(io.StringIO("x" * 1000 + "\nnext"), "d", read_chars=100))
    assert max(len(piece) for _, piece in pieces) == 100
    assert pieces[-1] == (2, "next")


def test_nul_characters_are_not_a_draft() -> None:
    with pytest.raises(DraftError, match=r"^draft.md: line 2: a NUL character: this is not a text draft$"):
        streamed("Fine.\n\x00\x00\x00")


def test_a_draft_over_the_annotate_limit_is_refused_in_one_line(tmp_path: Path, run_cli: RunCli,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drafts, "MAX_DRAFT_CHARS", 100)
    draft = tmp_path / "draft.md"
    draft.write_text("Turnout in 2020 was 85.64 %.\n" * 10, encoding="utf-8")
    result = run_cli("annotate", str(draft), "--base", str(MINI_BASE))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (f"nc-facts: error: {draft}: the draft is longer than 100 characters, the most "
                             "annotate holds; check --file reads a draft of any size\n")
    assert run_cli("check", "--file", str(draft), "--base", str(MINI_BASE)).code == 0  # streamed: no limit


def test_json_of_a_draft_is_one_document_written_as_it_goes(tmp_path: Path, run_cli: RunCli,
                                                            validate_json: Callable[[Any, str], None]) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Turnout in 2020 was 85.64 %. Turnout in 2020 was 75 %.\n\nThe sky is green today.\n" * 5,
                     encoding="utf-8")
    result = run_cli("check", "--file", str(draft), "--json", "--base", str(MINI_BASE))
    document = result.json()
    validate_json(document, "check_file")
    assert result.code == 1 and document["verdict"] == "refuted"
    assert sum(document["counts"].values()) == len(document["checks"]) == 10
    assert document["counts"]["refuted"] == 5
    # Exactly what json.dumps gives the same document: the pieces are laid out as one would be.
    assert result.stdout == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    empty = tmp_path / "empty.md"
    empty.write_text("# Only a heading\n", encoding="utf-8")
    nothing = run_cli("check", "--file", str(empty), "--json", "--base", str(MINI_BASE))
    assert nothing.code == 0 and nothing.json()["checks"] == [] and nothing.json()["verdict"] is None
    assert nothing.stdout == json.dumps(nothing.json(), indent=2) + "\n"


def test_claimreview_of_a_draft_over_its_limit_is_refused(tmp_path: Path, run_cli: RunCli,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from nc_facts.cli import checking as check

    monkeypatch.setattr(check, "CLAIMREVIEW_MAX_CLAIMS", 3)
    draft = tmp_path / "draft.md"
    draft.write_text("Turnout in 2020 was 85.64 %.\n\n" * 4, encoding="utf-8")
    result = run_cli("check", "--file", str(draft), "--format", "claimreview", "--url", "https://example.org/",
                     "--base", str(MINI_BASE))
    assert result.code == 2
    assert result.stderr.endswith("has more than 3 checkable sentences; use --jsonl, which streams\n")


def nc_facts(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "nc_facts", *args, "--base", str(MINI_BASE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_dev_zero_is_refused_at_once() -> None:
    process = nc_facts("check", "--file", "/dev/zero", stdin=subprocess.DEVNULL)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out) == (2, b"")
    assert err == b"nc-facts: error: /dev/zero: line 1: a NUL character: this is not a text draft\n"


def test_nul_bytes_on_stdin_are_refused_with_an_error_document() -> None:
    process = nc_facts("check", "--file", "-", "--jsonl", stdin=subprocess.PIPE)
    out, _ = process.communicate(b"\x00" * 1_000_000, timeout=60)
    assert process.returncode == 2
    assert json.loads(out)["error"]["message"] == "-: line 1: a NUL character: this is not a text draft"


def test_endless_stdin_is_answered_sentence_by_sentence() -> None:
    """`yes 'The turnout was 85%.' | nc-facts check --file - --jsonl`: documents come while input still flows."""
    process = nc_facts("check", "--file", "-", "--jsonl", stdin=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    stop = threading.Event()

    def feed() -> None:
        assert process.stdin is not None
        try:
            while not stop.is_set():
                process.stdin.write(b"Turnout in 2020 was 85.64 %.\n" * 50)
                process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        lines = [json.loads(process.stdout.readline()) for _ in range(3)]
        assert process.poll() is None  # still reading: the documents came before the input ended
        assert [line["verdict"] for line in lines] == ["supported"] * 3
    finally:
        stop.set()
        process.kill()
        process.communicate(timeout=60)
        feeder.join(timeout=60)


def test_many_ids_and_a_huge_query_are_answered(run_cli: RunCli) -> None:
    ids = ["island-turnout-2020", "minister-allegation-2024"] * 5000
    cited = run_cli("cite", *ids, "--notes", "--json", "--base", str(MINI_BASE))
    notes = cited.json()["notes"]
    assert cited.code == 0 and len(notes) == 10_000
    assert notes[2]["text"] == notes[9998]["text"] != notes[0]["text"]  # the later ones are short notes
    exported = run_cli("export", *(a for i in ids for a in ("--facts", i)), "--format", "json",
                       "--base", str(MINI_BASE))
    assert [s["key"] for s in json.loads(exported.stdout)["sources"]] == ["daily-news", "gazete-ada"]
    query = "turnout 2020 " * 80_000  # about 1 MB
    found = run_cli("search", query, "--json", "--base", str(MINI_BASE))
    assert found.code == 0 and found.json()["results"][0]["id"] == "island-turnout-2020"
    checked = run_cli("check", query, "--json", "--base", str(MINI_BASE))
    assert checked.code in (0, 1, 3) and len(checked.json()["claim"]) <= 1000

"""annotate: a draft comes back cited, its other sentences marked, every other byte kept.

The sentences are in the article's own wording, whose verdicts are settled:
"56.7% voted no in 2018." is supported, "Turnout in 2020 was 75%." refuted,
"New Caledonia exports bananas to Japan." not covered.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts.annotate import masked, sentence_spans

from conftest import RunCli

SUPPORTED = "56.7% voted no in 2018."
REFUTED = "Turnout in 2020 was 75%."
UNCOVERED = "New Caledonia exports bananas to Japan."
KEY = "aa-yeni-kaledonya-bagimsizlik"  # the source the bundled base gives for the 2018 no share

CODE_AND_HEADINGS = f"""# {SUPPORTED}

Setext {SUPPORTED}
------------------

```text
{SUPPORTED}
```

~~~~
{REFUTED}
~~~~

    {SUPPORTED}

`{SUPPORTED}`
"""


def draft_file(tmp_path: Path, text: str, name: str = "draft.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def removed_insertions(annotated: str, original: str) -> str:
    """``annotated`` with what annotate may add taken out again: citations, footnote marks, comments, notes."""
    text = re.sub(r" \[@[^\]]*\]| <!-- nc-facts: .*? -->|\[\^\d+\]", "", annotated)
    return text[:len(original)] if len(text) > len(original) and text.startswith(original) else text


def test_supported_sentence_gets_a_pandoc_citation_before_its_stop(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("annotate", str(draft_file(tmp_path, f"{SUPPORTED}\n")))
    assert done.code == 0, done.stderr
    assert done.stdout == f"56.7% voted no in 2018 [@{KEY}].\n"


def test_refuted_and_uncovered_sentences_are_marked_with_why_and_the_evidence(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("annotate", str(draft_file(tmp_path, f"{REFUTED} {UNCOVERED}\n")))
    assert done.code == 1  # the worst verdict, as check --file
    refuted, uncovered = re.findall(r"<!-- (.*?) -->", done.stdout)
    assert refuted.startswith("nc-facts: refuted: the claim says 75 %")
    assert "referendum-2020-turnout (disagrees): " in refuted
    assert f"[@{KEY}]" in refuted
    assert uncovered.startswith("nc-facts: not enough info: ")
    assert removed_insertions(done.stdout, f"{REFUTED} {UNCOVERED}\n") == f"{REFUTED} {UNCOVERED}\n"


def test_a_sentence_check_file_passes_over_is_left_alone(run_cli: RunCli, tmp_path: Path) -> None:
    text = f"We went home after that long day. {SUPPORTED}\n"
    done = run_cli("annotate", str(draft_file(tmp_path, text)))
    assert done.stdout == f"We went home after that long day. 56.7% voted no in 2018 [@{KEY}].\n"
    assert done.code == 0


def test_exit_code_is_that_of_check_file(run_cli: RunCli, tmp_path: Path) -> None:
    for text in (SUPPORTED, f"{SUPPORTED} {UNCOVERED}", f"{UNCOVERED} {REFUTED}",
                 f"We went home after that long day. {SUPPORTED}", f"Read on, dear friend. {SUPPORTED}"):
        path = str(draft_file(tmp_path, text + "\n"))
        assert run_cli("annotate", path).code == run_cli("check", "--file", path).code


def test_headings_and_code_are_untouched(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("annotate", str(draft_file(tmp_path, CODE_AND_HEADINGS)))
    assert done.stdout == CODE_AND_HEADINGS
    assert done.code == 0


def test_masking_keeps_offsets_and_blanks_only_what_is_not_prose() -> None:
    text = f"## Title\n\nSee `a. B` and <!-- x. Y --> then {SUPPORTED}\r\n"
    prose = masked(text)
    assert len(prose) == len(text)
    assert prose.count("\n") == text.count("\n") and "\r" in prose
    assert [span.text for span in sentence_spans(text)] == [f"See and then {SUPPORTED}"]
    span = sentence_spans(text)[0]
    assert text[span.start:span.end] == f"See `a. B` and <!-- x. Y --> then {SUPPORTED}"


def test_every_other_byte_is_kept(run_cli: RunCli, tmp_path: Path) -> None:
    original = f"---\ntitle: {SUPPORTED}\n---\n\n*  {SUPPORTED}\r\n1. “{UNCOVERED}”\t\n\n> {REFUTED}"
    done = run_cli("annotate", str(draft_file(tmp_path, original)))
    assert removed_insertions(done.stdout, original) == original
    assert done.stdout.startswith(f"---\ntitle: {SUPPORTED}\n---\n\n*  56.7% voted no in 2018 [@{KEY}].\r\n")
    # After a closing quotation mark the comment follows the mark, not the stop inside it.
    assert f"1. “{UNCOVERED}” <!-- nc-facts: not enough info" in done.stdout


def test_stdin_and_notes_in_a_style(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SUPPORTED} {SUPPORTED}\n"))
    done = run_cli("annotate", "-", "--notes", "--style", "chicago")
    body, notes = done.stdout.split("\n\n")
    assert body == f"{SUPPORTED}[^1] {SUPPORTED}[^2]"
    first, second = notes.splitlines()
    assert first.startswith("[^1]: “Fransız kolonisi Yeni Kaledonya’daki")
    # Chicago 18 has no ibid: the repeat is the shortened note, as cite gives it.
    cited = run_cli("cite", "referendum-2018-no-share", "referendum-2018-no-share", "--notes", "--format", "markdown")
    assert cited.stdout.splitlines()[:2] == [first, second]
    assert second != "[^2]: Ibid." and second != first.replace("[^1]", "[^2]")


def test_footnote_labels_the_draft_uses_are_skipped(run_cli: RunCli, tmp_path: Path) -> None:
    original = f"`x`[^1]\n\n[^1]: A note of the writer's. {SUPPORTED}\n"
    done = run_cli("annotate", str(draft_file(tmp_path, f"{SUPPORTED}\n\n" + original)), "--notes")
    assert done.stdout.startswith(f"{SUPPORTED}[^2]\n\n{original}\n[^2]: ")  # the writer's note is not checked


def test_style_without_notes_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("annotate", str(draft_file(tmp_path, SUPPORTED)), "--style", "apa")
    assert done.code == 2
    assert "--notes" in done.stderr and "Traceback" not in done.stderr


def test_unreadable_draft_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("annotate", str(tmp_path / "missing.md"))
    assert done.code == 2
    assert done.stderr.count("\n") == 1 and "cannot read the draft" in done.stderr


def test_bibliography_holds_the_cited_sources_as_csl_json(run_cli: RunCli, tmp_path: Path) -> None:
    refs = tmp_path / "refs.json"
    done = run_cli("annotate", str(draft_file(tmp_path, f"{SUPPORTED} {REFUTED}")), "--bibliography", str(refs))
    items = json.loads(refs.read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [KEY]  # the refuted sentence's source is not cited
    assert items[0]["URL"].startswith("https://www.aa.com.tr/")
    assert done.code == 1


def test_json_is_the_same_as_data(run_cli: RunCli, tmp_path: Path,
                                  validate_json: Callable[[Any, str], None]) -> None:
    text = f"# Head\n\n{SUPPORTED} {UNCOVERED}\n"
    path = str(draft_file(tmp_path, text))
    document = run_cli("annotate", path, "--json").json()
    validate_json(document, "annotate")
    assert document["text"] == run_cli("annotate", path).stdout
    assert document["verdict"] == "not_enough_info"
    assert document["counts"] == {"supported": 1, "refuted": 0, "not_enough_info": 1}
    first, second = document["sentences"]
    assert text[first["start"]:first["end"]] == SUPPORTED
    assert (first["keys"], first["inserted"], first["offset"]) == ([KEY], f" [@{KEY}]", first["end"] - 1)
    assert first["check"]["verdict"] == "supported"
    assert text[second["start"]:second["end"]] == UNCOVERED
    assert second["keys"] == [] and second["inserted"].startswith(" <!-- nc-facts: not enough info")
    assert [item["id"] for item in document["bibliography"]] == [KEY]


PANDOC = shutil.which("pandoc")


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (.ci/run installs it)")
def test_pandoc_citeproc_renders_the_annotated_draft(run_cli: RunCli, tmp_path: Path) -> None:
    refs = tmp_path / "refs.json"
    done = run_cli("annotate", str(draft_file(tmp_path, f"{SUPPORTED} {UNCOVERED}\n")), "--bibliography", str(refs))
    cited = draft_file(tmp_path, done.stdout, "cited.md")
    rendered = subprocess.run([str(PANDOC), str(cited), "--citeproc", "--bibliography", str(refs), "-t", "plain",
                               "--wrap=none"], capture_output=True, text=True, check=True, timeout=120)
    assert "[WARNING]" not in rendered.stderr  # every key resolved
    assert "Anadolu Ajansı" in rendered.stdout  # the citation and the bibliography entry
    assert "nc-facts:" not in rendered.stdout  # the writer's marks are comments, not text

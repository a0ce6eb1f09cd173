"""Shared test helpers: run the CLI in-process and parse what it prints."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# What the program, rich, Click, Typer and Python's pager read from the environment.  A test sets what it needs;
# nothing of the machine's shell decides an answer.  Typer reads some of these once, at import, hence the
# clearing below at collection time as well as around each test.
READ_VARIABLES = (
    "NO_COLOR", "FORCE_COLOR", "PY_COLORS", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "COLORTERM", "COLUMNS", "LINES",
    "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES", "TERMINAL_WIDTH", "GITHUB_ACTIONS",
    "PAGER", "MANPAGER", "LESS", "LOCALAPPDATA", "PYTHONIOENCODING", "PYTHONUTF8",
)
READ_PREFIXES = ("NC_FACTS_", "_NC_FACTS_", "XDG_", "TYPER_", "_TYPER_")


def program_variables(environment: Any) -> list[str]:
    """The names in ``environment`` that the program or its libraries would read."""
    return [name for name in environment if name in READ_VARIABLES or name.startswith(READ_PREFIXES)]


for _name in program_variables(os.environ):
    del os.environ[_name]

from nc_facts import loader  # noqa: E402  (after the clearing: nothing may read the machine's settings)
from nc_facts.cli import main  # noqa: E402
from nc_facts.model import Base  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_BASE = ROOT
DATA = Path(__file__).resolve().parent / "data"
MINI_BASE = DATA / "mini"
ARTICLE = ROOT.parent / "shared" / "seed" / "new-caledonia-article.txt"
SCHEMA = ROOT / "schema" / "nc-facts.schema.json"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


RunCli = Callable[..., Run]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``nc-facts ARGS`` in this process; returns exit code, stdout and stderr."""

    def run(*args: str, env: dict[str, str] | None = None) -> Run:
        monkeypatch.delenv("NC_FACTS_BASE", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def claim_texts(claims: Path) -> list[str]:
    """The sentences of a claims file (``[[claim]]`` tables with a ``text``, as the evaluation sets have them)."""
    import tomllib

    with claims.open("rb") as handle:
        return [item["text"] for item in tomllib.load(handle)["claim"]]


@functools.cache
def bundled_base() -> Base:
    """The bundled base, loaded on first use: never at import, so collection does not depend on NC_FACTS_BASE."""
    return loader.load_base(BUNDLED_BASE)


@pytest.fixture(autouse=True)
def hermetic_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every variable the program reads is unset, and HOME is an empty directory, unless a test sets them."""
    for name in program_variables(os.environ):
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def mini_base(tmp_path: Path) -> Path:
    """A writable copy of the tiny test base."""
    target = tmp_path / "base"
    target.mkdir()
    for name in ("facts.toml", "sources.toml"):
        (target / name).write_bytes((MINI_BASE / name).read_bytes())
    return target


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


# Named in the schema but not nc-facts documents with schema_version: parts, and schema.org's ClaimReview.
NOT_ENVELOPES = {"fact_object", "search_result", "source_object", "check_result", "claimreview", "claimreview_item",
                 "csl_item", "citation", "problem", "value"}


@pytest.fixture
def validate_json(schema: dict[str, Any]) -> Callable[[Any, str], None]:
    """Check a JSON document against one of the schema's named documents ("search", "fact"...)."""
    import jsonschema

    def check(document: Any, name: str) -> None:
        sub = {"$ref": f"#/$defs/{name}", "$defs": schema["$defs"]}
        jsonschema.Draft202012Validator(sub).validate(document)
        if name not in NOT_ENVELOPES:  # and it is exactly one of the documents the schema lists
            jsonschema.Draft202012Validator(schema).validate(document)

    return check


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                  hermetic_environment: None) -> Path:
    """Search indexes of tests go to a directory of their own, never the user's cache."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("NC_FACTS_CACHE_DIR", str(directory))
    return directory


def write_synthetic_base(directory: Path, size: int, seed: int) -> Any:
    """Write a synthetic base of ``size`` facts with benchmarks/make_base.py; returns its planted facts."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("make_base", ROOT / "benchmarks" / "make_base.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_base"] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module.make_base(size, directory, seed=seed)

"""Shared test helpers: run the CLI in-process and parse what it prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nc_facts.cli import main

ROOT = Path(__file__).resolve().parent.parent
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
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
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

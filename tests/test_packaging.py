"""A non-editable install carries the bundled base and finds it from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed: {proc.stderr[-2000:]}")
    return next(out.glob("nc_facts-*.whl"))


def test_wheel_ships_the_bundled_base(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"nc_facts/data/facts.toml", "nc_facts/data/sources.toml"} <= names
    assert (zipfile.ZipFile(wheel).read("nc_facts/data/facts.toml") == (ROOT / "facts.toml").read_bytes())


def test_installed_wheel_searches_the_bundled_base_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "NC_FACTS_BASE"}
    env["PYTHONPATH"] = str(target)
    proc = subprocess.run([sys.executable, "-m", "nc_facts", "search", "turnout", "--json"], capture_output=True,
                          text=True, cwd=elsewhere, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert Path(document["base"]).resolve() == (target / "nc_facts" / "data").resolve()
    assert document["results"][0]["values"][0]["measure"] == "turnout"

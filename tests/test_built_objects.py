"""Shortcuts of a rebuild build what the plain code builds: records from every field, spliced JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nc_facts import loader
from nc_facts.dates import PartialDate
from nc_facts.model import Citation, Fact, with_every_field
from nc_facts.serialize import FactJson, fact_to_dict

from conftest import MINI_BASE, ROOT, write_synthetic_base

SECOND_DECLARED = Path(__file__).resolve().parent / "data" / "second-declared"


def as_json(document: object) -> str:
    """The document as json writes it: 1, 1.0, true and -0.0 told apart, as == does not."""
    return json.dumps(document, ensure_ascii=False)


def test_an_object_with_every_field_is_the_one_init_builds() -> None:
    values = {"source": "s", "footnote": 3, "quote": "q", "locator": "paragraph 2"}
    made, built = with_every_field(Citation, values), Citation(**values)
    assert (made, hash(made), repr(made)) == (built, hash(built), repr(built))
    with pytest.raises(AttributeError):
        made.quote = "changed"  # type: ignore[misc]
    assert made._replace(quote="other") == Citation(source="s", footnote=3, quote="other",
                                                                locator="paragraph 2")


def test_every_field_must_be_given() -> None:
    with pytest.raises(TypeError, match="Citation has 4 fields, 1 given"):
        with_every_field(Citation, {"source": "s"})


def test_spliced_fact_json_is_the_json_of_fact_to_dict(tmp_path: Path) -> None:
    write_synthetic_base(tmp_path / "synthetic", 300, seed=4)
    for directory in (ROOT, MINI_BASE, SECOND_DECLARED, tmp_path / "synthetic"):
        base = loader.load_base(directory)
        retired = base.facts[0]._replace(retired="superseded \"quoted\"", retired_on=PartialDate(2024, 5))
        encode = FactJson(base.sources)
        for _ in range(2):  # again, with the citations from the cache
            for fact in (*base.facts, retired):
                assert as_json(json.loads(encode(fact))) == as_json(fact_to_dict(fact, base.sources)), fact.id


def test_a_fact_without_citations_splices_an_empty_list() -> None:
    fact = Fact(id="f", claim="c", kind="analysis")
    assert as_json(json.loads(FactJson({})(fact))) == as_json(fact_to_dict(fact, {}))

"""Entities, measures, scopes and citation quotes declared in a base: what loads and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from nc_facts import BaseInvalidError, load_base
from nc_facts.model import Base, Entity, Measure

from conftest import RunCli

SOURCES = """\
schema_version = 1

[[source]]
key = "bbc"
outlet = "BBC"
title = "Island profile"
language = "en"
kind = "profile"
from_article = false
"""

ENTITIES = """\
[[entity]]
id = "island"
name = "Island"
kind = "place"
aliases = ["Île", "Islanders"]

[[entity]]
id = "north"
name = "Northern Province"
kind = "place"
part_of = "island"

[[entity]]
id = "vote-2020"
name = "2020 referendum"
kind = "event"
dates = ["2020-10-04"]
ordinal = 2
series = "independence referendum"
"""

MEASURES = """\
[[measure]]
name = "yes share"
unit = "percent"
meaning = "share of valid votes for independence"
aliases = ["in favour", "voted yes"]
complement = "no share"

[[measure]]
name = "no share"
unit = "percent"

[[measure]]
name = "turnout"
unit = "percent"
"""


def fact(fact_id: str, *values: tuple[str, float], event: str = "vote-2020", scope: str = "",
         extra: str = "") -> str:
    """A [[fact]] table with one [[fact.values]] table per (measure, value)."""
    text = f'[[fact]]\nid = "{fact_id}"\nclaim = "A claim."\nkind = "statistic"\nevent = "{event}"\n{extra}'
    for measure, value in values:
        text += f'\n[[fact.values]]\nvalue = {value}\nunit = "percent"\nmeasure = "{measure}"\n'
        if scope:
            text += f'scope = "{scope}"\n'
    return text + "\n"


def write_base(directory: Path, *parts: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources.toml").write_text(SOURCES, encoding="utf-8")
    (directory / "facts.toml").write_text("schema_version = 1\n\n" + "\n".join(parts), encoding="utf-8")
    return directory


def load(directory: Path, *parts: str) -> Base:
    return load_base(write_base(directory, *parts))


def problems(directory: Path, *parts: str) -> list[str]:
    with pytest.raises(BaseInvalidError) as caught:
        load(directory, *parts)
    return [str(problem).replace(str(directory) + "/", "") for problem in caught.value.problems]


def test_declared_entities_and_measures_load_with_their_fields(tmp_path: Path) -> None:
    base = load(tmp_path, ENTITIES, MEASURES, fact("north-yes", ("yes share", 76.98), scope="north"),
                fact("yes", ("yes share", 46.74)))
    assert base.entity("island") == Entity(id="island", name="Island", kind="place", aliases=("Île", "Islanders"))
    event = base.entity("vote-2020")
    assert event is not None and (event.ordinal, event.series, str(event.dates[0])) == (
        2, "independence referendum", "2020-10-04")
    assert base.entity("north") is not None and base.entity("north").part_of == "island"  # type: ignore[union-attr]
    assert base.entity("nowhere") is None
    assert base.measure("yes share") == Measure(name="yes share", unit="percent",
                                                meaning="share of valid votes for independence",
                                                aliases=("in favour", "voted yes"), complement="no share")
    assert base.measure("seats") is None
    assert [value.scope for f in base for value in f.values] == ["north", ""]


def test_a_base_without_declarations_has_none(tmp_path: Path) -> None:
    base = load(tmp_path, fact("yes", ("yes share", 46.74), event="any-event"))
    assert (base.entities, base.measures, base.entity("any-event"), base.measure("yes share")) == ((), (), None, None)


def test_unknown_keys_of_entities_and_measures_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, '[[entity]]\nid = "a"\nname = "A"\nkind = "place"\nalias = ["B"]\n',
                    '[[measure]]\nname = "turnout"\nunits = "percent"\n') == [
        "facts.toml:7, entity id 'a', field 'alias': unknown field (known: aliases, dates, id, kind, name, note, "
        "ordinal, part_of, series)",
        "facts.toml:11, measure name 'turnout', field 'units': unknown field (known: aliases, complement, meaning, "
        "name, unit)",
    ]


def test_an_unknown_top_level_array_names_the_known_ones(tmp_path: Path) -> None:
    assert problems(tmp_path, '[[entities]]\nid = "a"\n') == [
        "facts.toml:3, field 'entities': unknown top-level key (expected [[fact]] or [[entity]] or [[measure]] "
        "or [[unit]] tables)"]


def test_entity_fields_are_required_and_typed(tmp_path: Path) -> None:
    assert problems(tmp_path, '[[entity]]\nid = "a"\nkind = "planet"\nordinal = 0\n') == [
        "facts.toml:6, entity id 'a', field 'ordinal': ordinals start at 1 (the first of its series)",
        "facts.toml:3, entity id 'a', field 'name': required field is missing",
        "facts.toml:5, entity id 'a', field 'kind': unknown kind 'planet' "
        "(one of: person, place, organisation, event, group, other)",
    ]


def test_entity_ids_are_unique_and_no_two_entities_share_a_name(tmp_path: Path) -> None:
    assert problems(tmp_path, ENTITIES, '[[entity]]\nid = "island"\nname = "Isle"\nkind = "place"\n',
                    '[[entity]]\nid = "ile"\nname = "ILE"\nkind = "place"\n') == [
        "facts.toml:24, entity id 'island', field 'id': duplicate id (first used on line 4)",
        "facts.toml:30, entity id 'ile', field 'name': the name 'ILE' already names entity 'island'",
    ]


def test_part_of_names_a_declared_entity_and_no_entity_is_part_of_itself(tmp_path: Path) -> None:
    assert problems(tmp_path, '[[entity]]\nid = "a"\nname = "A"\nkind = "place"\npart_of = "b"\n',
                    '[[entity]]\nid = "b"\nname = "B"\nkind = "place"\npart_of = "a"\n',
                    '[[entity]]\nid = "c"\nname = "C"\nkind = "place"\npart_of = "atlantis"\n') == [
        "facts.toml:7, entity id 'a', field 'part_of': 'a' is part of itself through part_of",
        "facts.toml:13, entity id 'b', field 'part_of': 'b' is part of itself through part_of",
        "facts.toml:19, entity id 'c', field 'part_of': 'atlantis' is not the id of a declared entity",
    ]


def test_two_events_of_one_series_cannot_share_an_ordinal(tmp_path: Path) -> None:
    second = '[[entity]]\nid = "vote-2021"\nname = "2021 referendum"\nkind = "event"\nordinal = 2\n' \
             'series = "Independence referendum"\n'
    assert problems(tmp_path, ENTITIES, second) == [
        "facts.toml:27, entity id 'vote-2021', field 'ordinal': event 'vote-2020' is already number 2 of "
        "'Independence referendum'"]


def test_a_facts_event_must_be_a_declared_event_once_the_base_declares_events(tmp_path: Path) -> None:
    assert problems(tmp_path, ENTITIES, fact("a", ("turnout", 80), event="vote-2021"),
                    fact("b", ("turnout", 80), event="island")) == [
        "facts.toml:27, id 'a', field 'event': 'vote-2021' is not the id of a declared event",
        "facts.toml:39, id 'b', field 'event': 'island' is a declared place, not an event",
    ]


def test_any_event_is_fine_where_the_base_declares_no_events(tmp_path: Path) -> None:
    places = ENTITIES.split('[[entity]]\nid = "vote-2020"')[0]
    base = load(tmp_path, places, fact("a", ("turnout", 80), event="vote-2021"))
    assert base.facts[0].event == "vote-2021"


def test_a_scope_names_a_declared_entity_by_id_or_by_name(tmp_path: Path) -> None:
    assert problems(tmp_path, ENTITIES, fact("a", ("turnout", 80), scope="Northern province"),
                    fact("b", ("turnout", 70), scope="North"),
                    fact("c", ("turnout", 80), extra='\n[[fact.better_values]]\nvalue = 1\nunit = "percent"\n'
                         'measure = "turnout"\nsource = "bbc"\nscope = "Atlantis"\n')) == [
        "facts.toml:46, id 'b', field 'values[0].scope': 'North' names no declared entity",
        "facts.toml:60, id 'c', field 'better_values[0].scope': 'Atlantis' names no declared entity",
    ]


def test_a_scope_is_free_text_where_the_base_declares_no_entities(tmp_path: Path) -> None:
    base = load(tmp_path, fact("a", ("turnout", 80), event="vote", scope="Northern Province"))
    assert base.facts[0].values[0].scope == "Northern Province"


def test_a_declared_complementary_pair_adds_up_to_100_in_each_event_and_scope(tmp_path: Path) -> None:
    assert problems(tmp_path, ENTITIES, MEASURES, fact("whole", ("yes share", 46.74), ("no share", 53.26)),
                    fact("north-yes", ("yes share", 76.98), scope="north"),
                    fact("north-no", ("no share", 24.02), scope="Northern Province")) == [
        "facts.toml:61, id 'north-yes', field 'values': yes (76.98) and no (24.02) shares of vote-2020 in north "
        "add up to 101, not 100"]


def test_other_complementary_measures_are_named_in_full(tmp_path: Path) -> None:
    measures = '[[measure]]\nname = "leave"\ncomplement = "remain"\n\n[[measure]]\nname = "remain"\n'
    assert problems(tmp_path, measures, fact("both", ("leave", 51.89), ("remain", 49.11), event="eu-2016")) == [
        "facts.toml:16, id 'both', field 'values': leave (51.89) and remain (49.11) of eu-2016 add up to 101, "
        "not 100"]


def test_approximate_shares_and_rounded_shares_pass(tmp_path: Path) -> None:
    approximate = 'approximate = true\n'
    base = load(tmp_path, MEASURES, fact("yes", ("yes share", 43.33)), fact("no", ("no share", 56.68)),
                fact("yes-b", ("yes share", 44), event="other").replace('measure = "yes share"\n',
                                                                       'measure = "yes share"\n' + approximate),
                fact("no-b", ("no share", 56.7), event="other"))
    assert len(base) == 4


def test_a_second_figure_of_one_measure_event_and_scope_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, MEASURES, fact("first", ("turnout", 85.64)), fact("again", ("turnout", 85.64)),
                    fact("second", ("turnout", 85.69))) == [
        "facts.toml:48, id 'second', field 'values[0]': a second turnout of vote-2020: 85.69, but fact 'first' "
        "gives 85.64"]


def test_figures_of_other_scopes_better_values_and_wrong_figures_do_not_clash(tmp_path: Path) -> None:
    wrong = '\n[[fact.caveats]]\nseverity = "wrong"\ntext = "Misreported."\n'
    better = '\n[[fact.better_values]]\nvalue = 85.69\nunit = "percent"\nmeasure = "turnout"\nsource = "bbc"\n'
    base = load(tmp_path, MEASURES, fact("whole", ("turnout", 85.64), extra=better),
                fact("north", ("turnout", 70), scope="north"), fact("misreported", ("turnout", 90), extra=wrong))
    assert [f.id for f in base] == ["whole", "north", "misreported"]


def test_a_measure_unknown_to_a_base_that_declares_measures_is_refused(tmp_path: Path) -> None:
    better = '\n[[fact.better_values]]\nvalue = 3\nunit = "count"\nmeasure = "turnout"\nsource = "bbc"\n'
    assert problems(tmp_path, MEASURES, fact("a", ("yes  share", 40), extra=better)) == [
        "facts.toml:33, id 'a', field 'values[0].measure': 'yes  share' is not a declared measure",
        "facts.toml:26, id 'a', field 'better_values[0].unit': 'turnout' is measured in 'percent', not 'count'",
    ]


def test_measure_names_are_unique_and_complements_declared_and_mutual(tmp_path: Path) -> None:
    measures = ('[[measure]]\nname = "yes share"\ncomplement = "no share"\n\n'
                '[[measure]]\nname = "no share"\ncomplement = "blank share"\n\n'
                '[[measure]]\nname = "blank share"\n\n'
                '[[measure]]\nname = "null share"\ncomplement = "null share"\n\n'
                '[[measure]]\nname = "turnout"\ncomplement = "abstention"\n\n'
                '[[measure]]\nname = "turnout"\n')
    assert problems(tmp_path, measures) == [
        "facts.toml:5, measure name 'yes share', field 'complement': 'no share' has another complement, "
        "'blank share'",
        "facts.toml:16, measure name 'null share', field 'complement': a measure cannot be its own complement",
        "facts.toml:20, measure name 'turnout', field 'complement': 'abstention' is not a declared measure",
        "facts.toml:23, measure name 'turnout', field 'name': duplicate measure (first declared on line 19)",
    ]


def test_without_declared_measures_only_yes_and_no_shares_must_add_up(tmp_path: Path) -> None:
    assert problems(tmp_path, fact("a", ("yes share", 50), ("no share", 51), ("leave", 70), ("remain", 70))) == [
        "facts.toml:9, id 'a', field 'values': yes (50) and no (51) shares of vote-2020 add up to 101, not 100"]


def test_a_citation_quote_is_text_where_given_and_its_locator_free_text(tmp_path: Path) -> None:
    citation = '\n[[fact.citations]]\nsource = "bbc"\nquote = "Yes won 46.74 %."\nlocator = "#Results"\n'
    base = load(tmp_path, fact("a", ("turnout", 80), extra=citation))
    quoted = base.facts[0].citations[0]
    assert (quoted.quote, quoted.locator, quoted.footnote) == ("Yes won 46.74 %.", "#Results", None)
    blank = '\n[[fact.citations]]\nsource = "bbc"\nquote = "  "\nlocator = 4\n'
    assert problems(tmp_path / "blank", fact("a", ("turnout", 80), extra=blank)) == [
        "facts.toml:11, id 'a', field 'citations[0].quote': must not be empty where given",
        "facts.toml:12, id 'a', field 'citations[0].locator': expected a string, got an integer 4",
    ]


SECOND_BASE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "bases" / "bougainville-catalonia"


@pytest.mark.skipif(not SECOND_BASE.is_dir(), reason="the shared material is not beside the checkout as ../shared")
def test_the_second_base_loads_unchanged(tmp_path: Path) -> None:
    import shutil

    copy = shutil.copytree(SECOND_BASE, tmp_path / "second")
    base = load_base(copy)
    assert (base.entities, base.measures) == ((), ())
    assert "bougainville-referendum-2019" in {f.event for f in base}


def test_search_finds_a_fact_by_any_name_of_an_entity_it_names(tmp_path: Path, run_cli: RunCli) -> None:
    named = fact("island-turnout", ("turnout", 80), extra='entities = ["Island"]\n')
    base = str(write_base(tmp_path, ENTITIES, MEASURES, named, fact("other", ("turnout", 80), event="vote")
                          .replace('event = "vote"\n', "")))
    plain = run_cli("search", "Islanders", "--base", base, "--json").json()["results"]
    filtered = run_cli("search", "Islanders", "--base", base, "--kind", "statistic", "--json").json()["results"]
    assert [(r["id"], r["aliases"]) for r in plain] == [("island-turnout", [])]  # its own aliases stay its own
    assert [r["id"] for r in filtered] == ["island-turnout"]
    by_event = run_cli("search", "2020 referendum", "--base", base, "--json").json()["results"]
    assert [r["id"] for r in by_event] == ["island-turnout"]


def test_search_finds_a_figure_by_any_name_of_its_declared_measure(tmp_path: Path, run_cli: RunCli) -> None:
    base = str(write_base(tmp_path, ENTITIES, MEASURES, fact("yes", ("yes share", 46.74)),
                          fact("no", ("no share", 53.26)), fact("turnout", ("turnout", 80))))
    for options in ([], ["--kind", "statistic"]):  # from the index, and ranked among the filtered facts
        found = run_cli("search", "voted yes", "--base", base, *options, "--json").json()["results"]
        assert [(r["id"], r["aliases"]) for r in found] == [("yes", [])]  # the measure's names stay the measure's
    assert run_cli("search", "in favour", "--base", base, "--json").json()["results"][0]["id"] == "yes"


def test_show_prints_scoped_figures_and_a_citations_locator_and_quote(tmp_path: Path, run_cli: RunCli) -> None:
    citation = '\n[[fact.citations]]\nsource = "bbc"\nquote = "Yes won 76.98 % in the North."\nlocator = "#Results"\n'
    base = str(write_base(tmp_path, ENTITIES, MEASURES, fact("north-yes", ("yes share", 76.98), scope="north",
                                                             extra=citation)))
    lines = [line.strip() for line in run_cli("show", "north-yes", "--base", base).stdout.splitlines()]
    at = lines.index("[ref] BBC, “Island profile”, #Results")
    assert lines[at + 1] == "“Yes won 76.98 % in the North.”"
    assert "figures: 76.98 % yes share in north" in lines
    shown = run_cli("show", "north-yes", "--base", base, "--json").json()
    assert shown["fact"]["values"][0]["scope"] == "north"
    assert shown["fact"]["citations"][0]["locator"] == "#Results"


def worked_examples() -> dict[str, list[str]]:
    """The TOML blocks of each "Worked example" section of docs/base-format.md, by its title."""
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "base-format.md").read_text(encoding="utf-8")
    sections = re.split(r"^### Worked example: ", text, flags=re.MULTILINE)[1:]
    return {section.splitlines()[0]: re.findall(r"^```toml\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL)
            for section in sections}


@pytest.mark.parametrize(("title", "article"), [("an article base", True), ("a dossier", False)])
def test_the_documented_worked_examples_load(tmp_path: Path, title: str, article: bool) -> None:
    from nc_facts.provenance import base_is_article

    sources, facts = worked_examples()[title]
    (tmp_path / "sources.toml").write_text(sources, encoding="utf-8")
    (tmp_path / "facts.toml").write_text(facts, encoding="utf-8")
    base = load_base(tmp_path)
    assert base_is_article(base) is article
    assert base.entities and base.measures and all(fact.event for fact in base)

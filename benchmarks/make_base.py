#!/usr/bin/env python3
"""Write a valid synthetic fact base of N facts to DIR, for benchmarks.

    python benchmarks/make_base.py N DIR [--seed S]

Claims read like news facts (people, places, organisations, figures, months
and years), drawn from a vocabulary that grows with N, and cite generated
sources.  A fixed set of planted facts, with wording found nowhere else, is
spread through the base; DIR/planted.json lists them with queries (one with
a typo) that must find each one first.  The same N and seed give the same
files.  Also writes DIR/claims.txt, the claims one per line (for fzf).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SYLLABLES = ("ka na ro mi lu ve sa to ri da mo ne pa li ga bo ze ta ki so fe ra du mi co la be ni ho ju "
             "va me lo si tu wa ke ba go ru").split()
MEASURES = ("turnout", "unemployment rate", "inflation", "approval rating", "literacy rate", "vaccination rate",
            "forest cover", "voter registration", "poverty rate", "school enrolment")
TOPICS = ("election", "economy", "health", "education", "environment", "transport", "housing", "energy", "fisheries",
          "mining", "tourism", "justice")
KINDS = ("statistic", "event", "statement", "background", "analysis")
OUTLETS = ("Daily Courier", "Pacific Wire", "Le Quotidien", "Morning Ledger", "Harbour Times", "Radio Sud",
           "Island Herald", "Evening Standard-Post")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TEMPLATES = (
    "The {measure} in {place} reached {value} % in {month} {year}, according to {org}.",
    "{person} said the {topic} plan for {place} would be revised before {year}.",
    "{org} reported that {measure} in {place} fell to {value} % in {year}.",
    "In {month} {year}, {person} announced new {topic} rules for {place}.",
    "{person}, a minister from {place}, resigned in {year} after a dispute over {topic}.",
    "A survey by {org} put the {measure} of {place} at {value} % in {year}.",
    "{place} signed a {topic} agreement with {place2} in {month} {year}.",
    "{person} denied that {org} had funded the {topic} campaign in {place}.",
    "Protests over {topic} in {place} lasted {count} days in {year}.",
    "{org} opened {count} new offices in {place} between {year} and {year2}.",
)
# Planted facts: wording used nowhere else, so each query has one right answer.
PLANTED = (
    ("planted-desalination", "The Zorvath desalination plant in Quillmere produced 4271 cubic metres of water a day "
     "in 2019.", ["zorvath desalination", "quilmere desalination plant 2019"]),
    ("planted-observatory", "The Tessaly observatory on Mount Brindlecomb recorded 312 clear nights in 2016.",
     ["brindlecomb observatory", "tesaly observatory clear nights"]),
    ("planted-ferry", "The Ostrava-Plimmick ferry carried 88214 passengers across the Varnholt strait in 2021.",
     ["varnholt strait ferry passengers", "plimmick ferry"]),
    ("planted-orchid", "Botanists counted 57 species of ghost orchid in the Kelmorrow wetlands in 2013.",
     ["ghost orchid kelmorrow", "kelmorow orchids species"]),
    ("planted-glacier", "The Fennimark glacier retreated 1.8 kilometres between 1990 and 2020.",
     ["fennimark glacier retreat", "fenimark glacier"]),
    ("planted-cable", "The Sarnoth undersea cable linking Dravenport to the mainland failed in March 2018.",
     ["sarnoth undersea cable", "dravenport cable failure 2018"]),
    ("planted-lighthouse", "The Wexcombe lighthouse was automated in 1987 after 140 years of keepers.",
     ["wexcombe lighthouse automated", "wexcomb lighthouse"]),
    ("planted-beetle", "Entomologists found the copper stag beetle again in Harrowgate forest in 2022.",
     ["copper stag beetle harrowgate", "harowgate beetle"]),
)


def names(rng: random.Random, count: int, parts: int) -> list[str]:
    """``count`` distinct made-up names of 2 to ``parts`` syllables (capped by how many exist)."""
    count = min(count, len(SYLLABLES) ** parts // 3)
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, parts))).capitalize())
    return sorted(seen)


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON's string escapes are valid TOML basic strings


def write_sources(path: Path, count: int, rng: random.Random) -> list[str]:
    keys = [f"source-{number:05d}" for number in range(count)]
    with path.open("w", encoding="utf-8") as out:
        out.write("schema_version = 1\n")
        for key in keys:
            language = "fr" if rng.random() < 0.2 else "en"
            title = f"Report {rng.randint(1, 9999)} on {rng.choice(TOPICS)}"
            out.write(f"\n[[source]]\nkey = {toml_string(key)}\noutlet = {toml_string(rng.choice(OUTLETS))}\n"
                      f"title = {toml_string(title)}\n")
            if language != "en":
                out.write(f"title_en = {toml_string(title + ' (translated)')}\n")
            out.write(f'language = "{language}"\nurl = "https://news.example.org/{key}"\nkind = "news-article"\n'
                      f'accessed = "2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"\nfrom_article = false\n')
    return keys


def fact_fields(rng: random.Random, pools: dict[str, list[str]]) -> dict[str, object]:
    year = rng.randint(1950, 2024)
    value = round(rng.uniform(1, 99), rng.choice((0, 1, 2)))
    words = {
        "measure": rng.choice(MEASURES), "place": rng.choice(pools["places"]), "place2": rng.choice(pools["places"]),
        "org": rng.choice(pools["orgs"]), "person": rng.choice(pools["people"]), "topic": rng.choice(TOPICS),
        "month": rng.choice(MONTHS), "year": year, "year2": year + rng.randint(1, 5), "count": rng.randint(2, 400),
        "value": f"{value:g}",
    }
    template = rng.choice(TEMPLATES)
    fields: dict[str, object] = {
        "claim": template.format(**words),
        "kind": "statistic" if "{value}" in template else rng.choice(KINDS),
        "dates": [f"{year}-{MONTHS.index(words['month']) + 1:02d}" if "{month}" in template else str(year)],
        "entities": [words["place"], words["person"] if "{person}" in template else words["org"]],
        "tags": [words["topic"]],
    }
    if "{value}" in template:
        fields["values"] = [(value, "percent", words["measure"])]
    return fields


def write_fact(out: object, fact_id: str, fields: dict[str, object], source: str) -> None:
    lines = [f"\n[[fact]]\nid = {toml_string(fact_id)}\nclaim = {toml_string(str(fields['claim']))}\n"
             f"kind = \"{fields['kind']}\"\n"]
    for key in ("dates", "entities", "tags"):
        items = fields.get(key)
        if items:
            lines.append(f"{key} = [{', '.join(toml_string(str(item)) for item in items)}]\n")  # type: ignore[attr-defined]
    for value, unit, measure in fields.get("values", []):  # type: ignore[attr-defined]
        lines.append(f"\n[[fact.values]]\nvalue = {value!r}\nunit = \"{unit}\"\nmeasure = {toml_string(measure)}\n")
    lines.append(f"\n[[fact.citations]]\nsource = \"{source}\"\n")
    out.write("".join(lines))  # type: ignore[attr-defined]


def make_base(count: int, directory: Path, seed: int = 1) -> list[dict[str, object]]:
    """Write the base; returns the planted facts with their queries."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    scale = max(count, 1000)
    pools = {
        "people": [f"{first} {last}" for first, last in zip(names(rng, scale // 20, 3), names(rng, scale // 20, 4),
                                                               strict=False)],
        "places": names(rng, max(50, scale // 100), 3),
        "orgs": [f"{name} {rng.choice(('Institute', 'Agency', 'Council', 'Bank', 'Union'))}"
                 for name in names(rng, max(30, scale // 300), 3)],
    }
    sources = write_sources(directory / "sources.toml", max(20, count // 500), rng)
    planted_at = {max(0, (index + 1) * count // (len(PLANTED) + 1) - 1): plant
                  for index, plant in enumerate(PLANTED)} if count >= len(PLANTED) else {}
    planted: list[dict[str, object]] = []
    with (directory / "facts.toml").open("w", encoding="utf-8") as out, \
            (directory / "claims.txt").open("w", encoding="utf-8") as claims:
        out.write("schema_version = 1\n")
        for number in range(count):
            if number in planted_at:
                fact_id, claim, queries = planted_at[number]
                fields: dict[str, object] = {"claim": claim, "kind": "statistic", "tags": ["planted"]}
                planted.append({"id": fact_id, "claim": claim, "queries": queries})
            else:
                fact_id, fields = f"fact-{number:07d}", fact_fields(rng, pools)
            write_fact(out, fact_id, fields, rng.choice(sources))
            claims.write(str(fields["claim"]) + "\n")
    (directory / "planted.json").write_text(json.dumps(planted, indent=2) + "\n", encoding="utf-8")
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of facts")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    planted = make_base(options.count, options.directory, options.seed)
    print(f"wrote {options.count} facts ({len(planted)} planted) to {options.directory}")


if __name__ == "__main__":
    main()

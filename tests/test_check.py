"""Verdicts on sentences against the bundled base, and the check command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nc_facts import load_base
from nc_facts.check import Checker, CheckResult, worst_verdict

from conftest import RunCli


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_base())


def verdict(checker: Checker, claim: str) -> str:
    return checker.check(claim).verdict


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # figures of the three referendums, each measure, by year and by ordinal
        ("Turnout in the 2020 referendum was 85.64 percent.", "supported"),
        ("Turnout in the 2020 referendum was 85.69%.", "supported"),  # the better, final figure
        ("Turnout in the 2020 referendum was 80%.", "refuted"),
        ("In the first referendum, turnout was about 80 percent.", "supported"),
        ("Turnout in 2018 was 81%.", "supported"),
        ("Turnout in 2018 was 70%.", "refuted"),
        ("In the second referendum 46.74% voted yes.", "supported"),  # a derived figure
        ("In 2020, 53.26% backed independence.", "refuted"),
        ("In the third referendum, 96,49 % voted against independence.", "supported"),
        ("In 2021, 43.9% voted yes.", "refuted"),
        ("A majority voted no in the 2020 referendum.", "supported"),
        ("A majority voted yes in the 2020 referendum.", "refuted"),
        ("Nearly half of voters backed independence in 2020.", "supported"),
        ("About a third of voters backed independence in 2018.", "refuted"),
        ("Turnout fell to less than 50% in 2021.", "supported"),
        ("La participation au référendum de 2020 était de 85,64 %.", "supported"),
        # dates of events
        ("The first referendum was held in 2020.", "refuted"),
        ("The first referendum took place in 2019.", "refuted"),
        ("New Caledonia held a third independence referendum in 2021.", "supported"),
        ("France annexed New Caledonia in 1853.", "supported"),
        ("New Caledonia was annexed by France on 24 September 1853.", "supported"),
        ("New Caledonia was annexed by France in March 1853.", "refuted"),
        ("James Cook discovered New Caledonia in 1768.", "refuted"),
        ("The French Senate adopted a resolution condemning Azerbaijan in October 2022.", "refuted"),
        ("The French Senate adopted the resolution on 15 November 2022.", "supported"),
        ("A cooperation agreement was signed in Baku in April 2023.", "refuted"),
        ("In July 2024, a historic agreement on New Caledonia was reached.", "refuted"),
        ("The Baku Initiative Group was founded on 6 July 2022.", "refuted"),
        ("The May 2024 unrest in New Caledonia began on 13 May 2024.", "supported"),
        # other numbers the notes give
        ("The French Senate adopted the resolution by 295 votes to 1.", "supported"),
        ("The French Senate adopted the resolution by 250 votes to 1.", "refuted"),
        # words, negation, a wrong article claim
        ("New Caledonia is a French territory.", "supported"),
        ("New Caledonia is not a French territory.", "refuted"),
        ("The Kanak people are of Polynesian origin.", "refuted"),
        ("The Kanak are the indigenous Melanesian people of New Caledonia.", "supported"),
    ],
)
def test_verdicts(checker: Checker, claim: str, expected: str) -> None:
    assert verdict(checker, claim) == expected


@pytest.mark.parametrize(
    "claim",
    [
        "New Caledonia exports bananas to Japan.",
        "Fiji held a referendum on independence in 2019.",
        "Tahiti held an independence referendum in 2018.",
        "New Caledonia is located between Australia and New Zealand.",
        "Unemployment in New Caledonia was 12% in 2020.",
        "Turnout in Fiji's 2020 election was 75%.",
        "The Baku Initiative Group organised a football tournament in Paris.",
    ],
)
def test_loose_overlap_is_not_enough_info(checker: Checker, claim: str) -> None:
    assert verdict(checker, claim) == "not_enough_info"


def test_explanation_names_the_claim_the_article_its_source_and_the_better_figure(checker: Checker) -> None:
    result = checker.check("Turnout in the 2020 referendum was 80%")
    assert result.verdict == "refuted"
    assert result.explanation.startswith(
        "the claim says 80 %; the article, citing Anadolu Ajansı (footnote 2), gives 85.64 % for the 2020 turnout; "
        "Wikipedia gives 85.69 %"
    )


def test_a_vote_count_of_no_measure_the_base_lacks_is_said_in_plain_words(checker: Checker) -> None:
    result = checker.check("Deputies voted 120 to 3 on 2 March 2021 to approve the budget.")
    assert result.verdict == "not_enough_info"
    assert result.explanation == "the base gives no figure for 2021"


def test_a_share_of_the_other_side_is_named(checker: Checker) -> None:
    result = checker.check("In 2018, 43.3% voted against independence.")
    assert result.verdict == "refuted"
    assert "gives 56.7 % for the 2018 no share" in result.explanation
    assert "(43.3 % was the 2018 yes share)" in result.explanation


def test_derived_facts_are_marked_as_evidence(checker: Checker) -> None:
    result = checker.check("46.7 per cent backed independence in 2020.")
    assert result.verdict == "supported"
    assert [(e.fact.id, e.fact.derived) for e in result.evidence] == [("referendum-2020-yes-share", True)]
    assert "derived from the article's figures (100 - 53.26)" in result.explanation


def test_allegations_are_reported_as_allegations(checker: Checker) -> None:
    reported = checker.check("Darmanin accused Baku of supporting the separatist groups in New Caledonia.")
    assert reported.verdict == "supported"
    assert reported.attribution is not None and reported.attribution.startswith("Gérald Darmanin alleged this")
    stated_as_fact = checker.check("Azerbaijan supported the separatist groups in New Caledonia.")
    assert stated_as_fact.verdict == "not_enough_info"
    assert "only as an assertion: Gérald Darmanin alleged" in stated_as_fact.explanation


def test_denials_are_reported(checker: Checker) -> None:
    result = checker.check("Azerbaijan denied involvement in the uprisings in New Caledonia.")
    assert result.verdict == "supported"
    assert result.explanation.startswith("the Azerbaijani government denied this")


def test_worst_verdict_orders_refuted_over_not_enough_info() -> None:
    def result(v: str) -> CheckResult:
        return CheckResult("c", v, "", (), None)  # type: ignore[arg-type]

    assert worst_verdict([result("supported"), result("not_enough_info")]) == "not_enough_info"
    assert worst_verdict([result("not_enough_info"), result("refuted"), result("supported")]) == "refuted"
    assert worst_verdict([]) is None


# -- the command -------------------------------------------------------------------------------------

Validate = Callable[[Any, str], None]


@pytest.mark.parametrize(
    ("claim", "code", "verdict_"),
    [("56.7% voted no in 2018.", 0, "supported"), ("Turnout in 2020 was 75%.", 1, "refuted"),
     ("New Caledonia exports bananas to Japan.", 3, "not_enough_info")],
)
def test_check_json_and_exit_codes(run_cli: RunCli, validate_json: Validate, claim: str, code: int,
                                   verdict_: str) -> None:
    run = run_cli("check", claim, "--json")
    assert run.code == code
    document = run.json()
    validate_json(document, "check")
    assert (document["claim"], document["verdict"]) == (claim, verdict_)


def test_check_json_evidence_carries_citations(run_cli: RunCli) -> None:
    document = run_cli("check", "Turnout in 2020 was 75%.", "--json").json()
    evidence = document["evidence"][0]
    assert (evidence["fact"]["id"], evidence["match"], evidence["role"]) == ("referendum-2020-turnout", "disagrees",
                                                                          "figure")
    assert [(c["outlet"], c["footnote"]) for c in evidence["fact"]["citations"]] == [("Anadolu Ajansı", 2)]
    assert document["read"]["figures"][0]["measure"] == "turnout"


def test_check_file_json(run_cli: RunCli, validate_json: Validate, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Notes\n\nNew Caledonia was annexed by France in 1900. In 2020 about 53% voted no.\n\n"
                     "I like it.\n", encoding="utf-8")
    run = run_cli("check", "--file", str(draft), "--json")
    assert run.code == 1  # the worst verdict: refuted
    document = run.json()
    validate_json(document, "check_file")
    assert [(c["claim"], c["verdict"]) for c in document["checks"]] == [
        ("New Caledonia was annexed by France in 1900.", "refuted"),
        ("In 2020 about 53% voted no.", "supported"),
    ]
    assert document["counts"] == {"supported": 1, "refuted": 1, "not_enough_info": 0}


def test_check_file_stdin_jsonl(run_cli: RunCli, validate_json: Validate, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("56.7% voted no in 2018. New Caledonia exports bananas to Japan.\n"))
    run = run_cli("check", "--file", "-", "--jsonl")
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    for line in lines:
        validate_json(line, "check")
    assert [line["verdict"] for line in lines] == ["supported", "not_enough_info"]
    assert run.code == 3


def test_check_claimreview(run_cli: RunCli, schema: dict[str, Any]) -> None:
    import jsonschema

    run = run_cli("check", "Darmanin accused Baku of supporting the separatist groups in New Caledonia.",
                  "--format", "claimreview")
    assert run.code == 0
    review = run.json()
    jsonschema.Draft202012Validator({"$ref": "#/$defs/claimreview", "$defs": schema["$defs"]}).validate(review)
    assert review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Gérald Darmanin"}
    assert review["itemReviewed"]["appearance"][0]["publisher"]["name"] == "Euronews"
    assert review["reviewRating"]["alternateName"] == "Supported"
    assert review["reviewRating"]["ratingValue"] == 5


def test_check_human_view(run_cli: RunCli) -> None:
    run = run_cli("check", "Turnout in 2020 was 75%.", "--no-color")
    assert run.code == 1
    assert run.stdout.startswith("REFUTED  Turnout in 2020 was 75%.")
    assert "referendum-2020-turnout" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "give either a CLAIM or --file PATH"), (("claim", "--file", "x"), "give either a CLAIM or --file PATH"),
     (("   ",), "the claim is empty"), (("--file", "no-such-draft.md"), "no-such-draft.md: cannot read the draft")],
)
def test_check_usage_errors(run_cli: RunCli, args: tuple[str, ...], message: str) -> None:
    run = run_cli("check", *args)
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_claimreview_is_one_document_so_jsonl_is_refused(run_cli: RunCli) -> None:
    result = run_cli("check", "In 2018, 56.7% voted no", "--format", "claimreview", "--jsonl")
    assert result.code == 2
    assert result.stderr == ("nc-facts: error: --format claimreview prints one JSON-LD document for all the claims; "
                             "drop --jsonl\n")

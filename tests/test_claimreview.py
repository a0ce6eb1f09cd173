"""ClaimReview carries what Google requires and recommends, where the base can fill it."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from conftest import RunCli

ALLEGATION = "Darmanin accused Baku of supporting the separatist groups in New Caledonia."
FIGURE = "56.7% voted no in 2018."


def test_the_review_has_its_url_date_and_the_claims_author_date_and_appearance(
        run_cli: RunCli, validate_json: Callable[[Any, str], None]) -> None:
    run = run_cli("check", ALLEGATION, "--format", "claimreview", "--url", "https://example.org/checks/1")
    review = run.json()
    validate_json(review, "claimreview")
    assert review["url"] == "https://example.org/checks/1"
    assert review["datePublished"] == datetime.date.today().isoformat()
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Gérald Darmanin"}
    # The allegation is dated 2024 in the base; the report of it gives the day.
    assert claim["datePublished"] == "2024-05-19"
    assert [(a["url"], a["datePublished"]) for a in claim["appearance"]] == [
        ("https://www.euronews.com/my-europe/2024/05/19/how-is-azerbaijan-involved-with-france-and-new-caledonia",
         "2024-05-19")]
    assert run.stderr == ""


def test_a_figures_sources_are_evidence_not_appearances(run_cli: RunCli) -> None:
    review = run_cli("check", FIGURE, "--format", "claimreview", "--url", "https://example.org/c").json()
    assert review["reviewRating"]["alternateName"] == "Supported"
    assert review["itemReviewed"] == {"@type": "Claim"}  # nobody in the base made this claim


def test_without_url_the_missing_required_property_is_named(run_cli: RunCli) -> None:
    run = run_cli("check", FIGURE, "--format", "claimreview")
    assert "url" not in run.json()
    assert run.stderr == ("nc-facts: ClaimReview: search engines require the url of the page the review is on; "
                          "give --url URL\n")

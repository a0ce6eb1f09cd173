"""JSON shapes of check results: nc-facts documents and schema.org ClaimReview (JSON-LD).

Shapes are in schema/nc-facts.schema.json ($defs check_result, check, check_file).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .check import VERDICT_LABELS, VERDICT_SEVERITY, VERDICTS, CheckResult, Verdict
from .model import Base, Fact
from .provenance import base_is_article
from .serialize import JSON, envelope, fact_to_dict
from .streamed import StreamedDocument

# ClaimReview ratings on a 1..5 scale, the form search engines read; alternateName carries the verdict.
RATING_VALUE: dict[Verdict, int] = {"refuted": 1, "not_enough_info": 3, "supported": 5}


def check_to_dict(result: CheckResult, base: Base) -> JSON:
    parsed = result.parsed
    return {
        "claim": result.claim,
        "verdict": result.verdict,
        "label": VERDICT_LABELS[result.verdict],
        "explanation": result.explanation,
        "attribution": result.attribution,
        "evidence": [
            {
                "role": item.role,
                "match": item.match,
                "detail": item.detail,
                "derived": item.fact.derived,
                "fact": fact_to_dict(item.fact, base.sources),
            }
            for item in result.evidence
        ],
        "read": {
            "kind": result.kind,
            "figures": [
                {"text": f.text, "value": f.value, "decimals": f.decimals, "percent": f.percent,
                 "comparator": f.comparator, "measure": measure}
                for f, measure in zip(parsed.figures, parsed.measures, strict=True)
            ],
            "dates": [{"text": d.text, "date": d.date.iso(), "precision": d.date.precision} for d in parsed.dates],
            "ordinals": list(parsed.ordinals),
            "negated": parsed.negated,
            "attributed": parsed.attributed,
        },
    }


def check_document(result: CheckResult, base: Base) -> JSON:
    return envelope(**check_to_dict(result, base), article=base_is_article(base))


class Tally:
    """The verdicts of a streamed draft, counted as its results pass: nothing of them is kept."""

    def __init__(self) -> None:
        self.counts: dict[Verdict, int] = dict.fromkeys(VERDICTS, 0)

    def passing(self, results: Iterable[CheckResult]) -> Iterator[CheckResult]:
        for result in results:
            self.counts[result.verdict] += 1
            yield result

    @property
    def worst(self) -> Verdict | None:
        found: list[Verdict] = [verdict for verdict, count in self.counts.items() if count]
        if not found:
            return None
        return max(found, key=VERDICT_SEVERITY.__getitem__)


def file_document(path: str, results: Iterable[CheckResult], base: Base, tally: Tally) -> StreamedDocument:
    """The document of a draft (schema: check_file), whose results come one by one, counted by ``tally``.

    Nothing of the checks is held: its verdict and counts are members after them.
    """
    checks = (check_to_dict(result, base) for result in results)
    return StreamedDocument(envelope(file=path, article=base_is_article(base)), "checks", checks,
                            lambda: {"verdict": tally.worst, "counts": dict(tally.counts)})


def claim_review(result: CheckResult, base: Base, published: str, url: str | None = None) -> JSON:
    """One ClaimReview with every property Google requires or recommends that the base can fill.

    The claim's author, date and appearances come only from facts that record
    who made the claim (a claimant): their sources are where it appeared.  A
    figure's sources are evidence about the claim, not places it was made, so
    they are not appearances.  ``url`` is the page the review is published on,
    which only the caller knows; ``published`` is the review's date.
    """
    claimed = [e.fact for e in result.evidence if e.fact.claimant]
    item: dict[str, Any] = {"@type": "Claim"}
    if claimed:
        fact = claimed[0]
        # "the French government", "the Baku Initiative Group" are bodies; a bare name is a person.
        item["author"] = {"@type": "Organization" if fact.claimant.lower().startswith("the ") else "Person",
                          "name": fact.claimant}
        appearances = _appearances(claimed, base)
        made = _claim_date(fact, appearances)
        if made:
            item["datePublished"] = made
        if appearances:
            item["appearance"] = appearances
    review: dict[str, Any] = {"@type": "ClaimReview"}
    if url:
        review["url"] = url
    review.update({
        "claimReviewed": result.claim,
        "datePublished": published,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": "nc-facts"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUE[result.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": VERDICT_LABELS[result.verdict],
            "ratingExplanation": result.explanation,
        },
    })
    return review


def _appearances(facts: Sequence[Fact], base: Base) -> list[JSON]:
    appearances: list[JSON] = []
    for fact in facts:
        for citation in fact.citations:
            source = base.sources[citation.source]
            if source.url and all(a["url"] != source.url for a in appearances):
                appearance: JSON = {"@type": "CreativeWork", "url": source.url, "headline": source.title,
                                    "publisher": {"@type": "Organization", "name": source.outlet}}
                if source.published:
                    appearance["datePublished"] = source.published.iso()
                appearances.append(appearance)
    return appearances


def _claim_date(fact: Fact, appearances: Sequence[JSON]) -> str | None:
    """When the claim was made: the fact's date, or the first report of it when that is as late and more precise."""
    reported = sorted(a["datePublished"] for a in appearances if "datePublished" in a)
    if not fact.dates:
        return reported[0] if reported else None
    made = fact.dates[0].iso()
    return next((date for date in reported if date.startswith(made) and len(date) > len(made)), made)


def claim_review_document(results: Sequence[CheckResult], base: Base, published: str,
                          url: str | None = None) -> JSON:
    """One ClaimReview for a sentence; a @graph of them for a draft (each at the page's url)."""
    reviews = [claim_review(r, base, published, url) for r in results]
    if len(reviews) == 1:
        return {"@context": "https://schema.org", **reviews[0]}
    return {"@context": "https://schema.org", "@graph": reviews}

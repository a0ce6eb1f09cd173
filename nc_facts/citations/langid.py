"""Language names as BibLaTeX's ``langid`` and reference managers write them, and back to codes, from CLDR.

babel and polyglossia, the LaTeX packages ``langid`` names a language for,
name most languages by their English name in lower case (``english``,
``turkish``, ``dutch``): those come from Babel's CLDR data.  The few names
of their own they add for regional variants are listed below.
"""

from __future__ import annotations

import functools
import re

# babel's (the LaTeX package's) names for regional variants, which CLDR does not spell this way.
LATEX_VARIANTS = {"ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH",
                  "nswissgerman": "de-CH", "british": "en-GB", "ukenglish": "en-GB", "american": "en-US",
                  "usenglish": "en-US", "australian": "en-AU", "canadian": "en-CA", "newzealand": "en-NZ",
                  "brazil": "pt-BR", "brazilian": "pt-BR", "portuges": "pt", "acadian": "fr-CA",
                  "canadien": "fr-CA", "francais": "fr"}
_REGION = re.compile(r"\s*\([^()]*\)$")  # Zotero's "French (France)"


@functools.cache
def _names() -> dict[str, str]:
    """Primary language code -> its English name in lower case, for names of one word only."""
    from ..cldr import cldr_table

    return {code: name.lower() for code, name in cldr_table("english_language_names").items()
            if "_" not in code and name.isalpha()}


@functools.cache
def _codes() -> dict[str, str]:
    return {name: code for code, name in _names().items()}


def langid(code: str) -> str:
    """'en' -> 'english', 'tr' -> 'turkish'; a code CLDR names in more than one word stays as it is."""
    return _names().get(code.split("-")[0].lower(), code)


def language_code(name: str) -> str | None:
    """'english', 'Turkish', 'French (France)', 'ngerman' -> a BCP 47 code; None for a name it does not know."""
    lowered = " ".join(name.split()).lower()
    return LATEX_VARIANTS.get(lowered) or _codes().get(lowered) or _codes().get(_REGION.sub("", lowered))

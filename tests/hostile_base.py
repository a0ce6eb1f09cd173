"""A base whose every text field carries a payload: terminal escapes, or HTML markup.

Each field keeps a few ordinary words before the payload, so that searches, checks and filters still
find the facts and every view has something to print.
"""

from __future__ import annotations

from pathlib import Path

# What a hostile base might send a terminal: colours (CSI), a forged OSC 8 link, an OSC 52 clipboard
# write, title changes (BEL- and ST-terminated), a full reset (ESC c), every C1 control, DEL, the bidi
# embeddings, overrides and isolates, zero-width characters and the line and paragraph separators.
C1_CONTROLS = "".join(chr(code) for code in range(0x80, 0xA0))
ESCAPES = (
    "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example/\x1b\\EVIL\x1b]8;;\x1b\\ "
    "\x1b]52;c;ZXZpbA==\x07 \x1b]0;TITLE\x07 \x1b]2;TITLE\x1b\\ \x1bc \x1b[2J\x1b[H "
    f"{C1_CONTROLS} \x7f \u202aa\u202bb\u202cc\u202dd\u202ee \u2066f\u2067g\u2068h\u2069 "
    "\u200bzw\u200c\u200d\ufeff \u2028\u2029 \x07\x08 end"
)
MARKUP = ('<img src=x onerror=alert(1)> "><script>alert(1)</script> [click](javascript:alert(1)) '
          "[ref][x] *em* @key ' & end")


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly (every character outside printable ASCII escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif not ch.isprintable() or ord(ch) > 0x7E:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def hostile_facts(payload: str) -> str:
    def s(words: str) -> str:
        return toml_string(f"{words} {payload}")

    return f"""schema_version = 1

[[entity]]
id = "island"
name = {s("Island")}
kind = "place"
aliases = [{s("Isle")}]
note = {s("entity note")}

[[entity]]
id = "north"
name = {s("Northern Province")}
kind = "place"
part_of = "island"

[[entity]]
id = "referendum-2020"
name = {s("2020 island referendum")}
kind = "event"
aliases = [{s("2020 referendum")}]
dates = ["2020-10-04"]

[[entity]]
id = "the-minister"
name = {s("The Minister")}
kind = "person"

[[measure]]
name = "turnout"
unit = "percent"
meaning = {s("share of voters who voted")}
aliases = [{s("participation")}]

[[fact]]
id = "island-turnout-2020"
claim = {s("Turnout in the island's 2020 referendum was 85.64 %.")}
quote = {s("which saw a high turnout of 85.64%")}
paragraph = 1
kind = "statistic"
event = "referendum-2020"
dates = ["2020"]
entities = ["island"]
tags = [{s("turnout")}]
aliases = [{s("participation")}]

[[fact.values]]
value = 85.64
unit = "percent"
measure = "turnout"
scope = "north"

[[fact.citations]]
source = "daily-news"
footnote = 1
quote = {s("a high turnout")}
locator = {s("paragraph 4")}

[[fact.caveats]]
severity = "imprecise"
text = {s("The final turnout was 85.69 %.")}
source = "encyclopedia-island"

[[fact.better_values]]
value = 85.69
unit = "percent"
measure = "turnout"
source = "encyclopedia-island"
note = {s("final result")}

[[fact]]
id = "minister-allegation-2024"
claim = {s("The minister claimed in April 2024 that a foreign power backed the protests.")}
quote = {s("accusing the foreign power of backing the protests")}
paragraph = 2
kind = "allegation"
claimant = "the-minister"
dates = ["2024-04"]
entities = ["the-minister"]
tags = [{s("protests")}]

[[fact.citations]]
source = "gazete-ada"
footnote = 2
"""


def hostile_sources(payload: str, url_payload: str) -> str:
    def s(words: str) -> str:
        return toml_string(f"{words} {payload}")

    return f"""schema_version = 1

[[source]]
key = "daily-news"
footnotes = [1]
outlet = {s("Daily News")}
title = {s("Island votes again")}
language = "en"
url = {toml_string("https://news.example.org/island-votes" + url_payload)}
kind = "news-article"
published = "2020-10-05"
accessed = "2025-07-19"
from_article = true
author = [{{family = {s("Greenslade")}, given = {s("Roy")}}}, {{organisation = {s("Press Association")}}}]
note = {s("curator's note")}

[[source]]
key = "gazete-ada"
footnotes = [2]
outlet = {s("Gazete")}
title = {s("Ada yeniden oy verdi")}
title_en = {s("The island voted again")}
language = "tr"
url = "https://gazete.example.org/ada"
kind = "analysis"
accessed = "2025-07-19"
from_article = true
author = {s("Agence France-Presse")}

[[source]]
key = "encyclopedia-island"
outlet = {s("Encyclopedia")}
title = {s("Island referendum")}
language = "en"
url = "https://encyclopedia.example.org/island"
kind = "encyclopedia"
from_article = false
"""


def write_hostile_base(directory: Path, payload: str, url_payload: str | None = None) -> Path:
    """Write the base into ``directory`` (created); ``url_payload`` is appended to one source's URL."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "facts.toml").write_text(hostile_facts(payload), encoding="utf-8")
    (directory / "sources.toml").write_text(hostile_sources(payload, url_payload or payload), encoding="utf-8")
    return directory

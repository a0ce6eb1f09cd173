"""JSON-ready documents and Markdown of cited work (schema: $defs cite in the JSON Schema)."""

from __future__ import annotations

from typing import Any

from ..serialize import envelope
from .csl import csl_items
from .notes import CitedWork


def cite_document(work: CitedWork) -> dict[str, Any]:
    return envelope(
        style=work.style,
        numbered=work.numbered,
        notes=[
            {"number": note.number, "fact": note.fact_id, "sources": list(note.sources),
             "position": note.position, "text": note.text}
            for note in work.notes
        ],
        bibliography=[{"key": entry.key, "text": entry.text} for entry in work.bibliography],
        entries=csl_items(work.sources),
    )


def cite_html(work: CitedWork) -> str:
    """Notes as an ordered list and the bibliography as CSL entries; the text is the processor's HTML."""
    tag = "ol" if work.numbered else "ul"
    notes = "".join(f'  <li id="note-{note.number}" data-fact="{note.fact_id}">{note.text}</li>\n'
                    for note in work.notes)
    entries = "".join(f'  <div class="csl-entry" id="ref-{entry.key}">{entry.text}</div>\n'
                      for entry in work.bibliography)
    return f'<{tag} class="notes">\n{notes}</{tag}>\n<div class="csl-bib-body">\n{entries}</div>\n'


def cite_markdown(work: CitedWork) -> str:
    if work.numbered:
        lines = [f"[^{note.number}]: {note.text}" for note in work.notes]
    else:
        lines = [f"- {note.fact_id}: {note.text}" for note in work.notes]
    bibliography = [f"- {entry.text}" for entry in work.bibliography]
    return "\n".join([*lines, "", "## Bibliography", "", *bibliography]) + "\n"

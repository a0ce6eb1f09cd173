"""Authors in each export format: persons by family and given name, organisations kept whole.

A person is inverted where the format wants it ("Greenslade, Roy") so that
styles sort by surname; an organisation (or a name the base gives as one
string) is braced or marked literal so that no style takes its last word
for a surname.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Author, Source

CslName = dict[str, str]


def bibtex_names(source: Source, tex: Callable[[str], str]) -> str:
    """The author field of BibTeX and BibLaTeX: 'Greenslade, Roy and {BBC News}'."""
    return " and ".join(_bibtex_name(author, tex) for author in source.names)


def _bibtex_name(author: Author, tex: Callable[[str], str]) -> str:
    if not author.is_person:
        return "{" + tex(author.organisation) + "}"
    family = "{" + tex(author.family) + "}" if " " in author.family else tex(author.family)
    return f"{family}, {tex(author.given)}" if author.given else family


def csl_names(source: Source) -> list[CslName]:
    """CSL-JSON names: {"family": ..., "given": ...} for a person, {"literal": ...} for an organisation."""
    names: list[CslName] = []
    for author in source.names:
        if author.is_person:
            names.append({"family": author.family, **({"given": author.given} if author.given else {})})
        else:
            names.append({"literal": author.organisation})
    return names


def ris_names(source: Source) -> list[str]:
    """One AU value per author: 'Greenslade, Roy', or an organisation's name as it is."""
    return [f"{author.family}, {author.given}" if author.is_person and author.given
            else author.display() for author in source.names]

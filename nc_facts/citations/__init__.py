"""Citations for writers: CSL-JSON, BibTeX/BibLaTeX, RIS, formatted styles and numbered notes.

Everything here works on the typed model and returns plain strings or
JSON-ready data; no terminal code.  The CSL processor (citeproc-py) is
imported only where a style is rendered.
"""

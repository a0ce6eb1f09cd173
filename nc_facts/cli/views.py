"""Every human view by name: the one table ``output.emit`` looks a document's view up in."""

from __future__ import annotations

from . import human, human_cache, human_check, human_citations, human_desk, human_ingest

VIEWS = {**human.VIEWS, **human_desk.VIEWS, **human_check.VIEWS, **human_citations.VIEWS, **human_cache.VIEWS,
         **human_ingest.VIEWS}

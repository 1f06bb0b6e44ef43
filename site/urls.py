"""Where each page lives: the one mapping from an IRI to an output path, and relative links.

Pages sit at a path derived from their IRI (https://w3id.org/thidua/id/bloc/x-1a2b -> id/bloc/x-1a2b.html),
so the site mirrors the IRI space and the .ttl/.jsonld files sit beside each page. Only
[a-z0-9-] path segments are used as they are; anything else (an IRI minted elsewhere, a
segment with other characters) becomes a slug plus a hash of the IRI, so no IRI can name a
file outside the output folder or collide with another.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from thidua.iri import BASE
from thidua.text import slug

_SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]{0,99}\Z")
ONTOLOGY_PAGE = "ontology/index.html"


@lru_cache(maxsize=1 << 16)     # asked again for the same IRIs by every phase of a build
def page_path(iri: str) -> str | None:
    """Output path (relative to the site root, '/'-separated, ending .html) of an IRI's page.

    None for IRIs outside the dataset's namespace (they are shown, not linked)."""
    if not iri.startswith(BASE):
        return None
    local = iri[len(BASE):]
    if local.startswith("ontology"):
        return ONTOLOGY_PAGE
    segments = local.split("/")
    if all(_SAFE_SEGMENT.match(s) for s in segments):
        # A one-segment IRI (a concept scheme such as .../award-type) is the index of its folder.
        return "/".join(segments) + (".html" if len(segments) > 1 else "/index.html")
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]
    return f"x/{slug(local, max_length=40)}-{digest}.html"


def alternate(path: str, extension: str) -> str:
    """The path of a page's RDF file beside it: id/bloc/x.html -> id/bloc/x.ttl."""
    return path[: -len(".html")] + extension


def relative(target: str, current: str) -> str:
    """Link from the page at `current` to `target` (both root-relative paths).

    Up to the root, then down: correct from any sub-path and from file://, and cheap enough to
    call for every link of every page."""
    if target.startswith(("#", "http://", "https://", "mailto:")):
        return target
    depth = current.count("/")
    return "../" * depth + target if depth else target

"""Check a built site: every internal link and resource resolves, and every page parses.

Internal means relative: a link to a file of the site (with an optional #fragment, which
must name an id on the target page). Absolute http(s) links are not followed.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "form": "action"}


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)   # (page, link)

    @property
    def ok(self) -> bool:
        return not self.broken


class _PageLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.links.append(values[wanted])


def _parse(path: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _id_set(ids: set[str]) -> str:
    """A page's ids as one string ("\nid1\nid2\n"): one object per page, not one per id, so
    the ids of a 300,000-page site fit in memory (links are not kept once checked)."""
    return "\n" + "\n".join(sorted(ids)) + "\n"


def check_site(root: str | Path) -> LinkReport:
    root = Path(root)
    report = LinkReport()
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    ids: dict[str, str] = {}

    def ids_of(path: str) -> str:
        if path not in ids:
            ids[path] = _id_set(_parse(root / path).ids)
        return ids[path]

    for current in pages:
        report.pages += 1
        parsed = _parse(root / current)
        ids.setdefault(current, _id_set(parsed.ids))
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue
            report.links += 1
            target = current if not parts.path else posixpath.normpath(
                posixpath.join(posixpath.dirname(current), unquote(parts.path)))
            if target.startswith("../") or not (root / target).is_file():
                report.broken.append((current, link))
            elif parts.fragment and target.endswith(".html") and \
                    ("\n" in parts.fragment or f"\n{parts.fragment}\n" not in ids_of(target)):
                report.broken.append((current, link))
    return report

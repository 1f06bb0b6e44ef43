"""The static site: gathered from the store with queries, rendered with jinja2.

    from thidua.site import build
    report = build(store, "public/")
"""
from __future__ import annotations

from thidua.site.builder import BuildReport, build

__all__ = ["build", "BuildReport"]

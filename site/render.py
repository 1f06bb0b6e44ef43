"""The jinja2 environment: autoescaping on, undefined names are errors, links made relative."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from thidua.site.urls import relative


@pass_context
def url_filter(context, target: str | None) -> str:
    """Root-relative path -> link relative to the page being rendered (`page.path`)."""
    if target is None:
        return ""
    return relative(target, context["page"].path)


@pass_context
def link_filter(context, link) -> Markup:
    """A `Link` as an <a> (or plain text when it has no page), with its English label.

    A filter rather than a macro: it is called for nearly every cell of every table, and a
    Python function is many times faster than a jinja2 macro call. Everything is escaped."""
    if link is None:
        return Markup("–")
    label = escape(link.label)
    if link.path:
        html = f'<a href="{escape(relative(link.path, context["page"].path))}">{label}</a>'
    else:
        html = str(label)
    if link.label_en and link.label_en != link.label:
        html += f' <span class="en" lang="en">({escape(link.label_en)})</span>'
    return Markup(html)


@pass_context
def links_filter(context, links) -> Markup:
    if not links:
        return Markup("–")
    return Markup(", ").join(link_filter(context, l) for l in links)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("thidua.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)
    env.filters["url"] = url_filter
    env.filters["link"] = link_filter
    env.filters["links"] = links_filter
    return env


def render(page, **extra) -> str:
    return environment().get_template(page.template).render(page=page, s=page.sections, **extra)

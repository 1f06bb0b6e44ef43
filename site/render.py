"""The jinja2 environment: autoescaping on, undefined names are errors, links made relative."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from thidua.site.urls import relative

# The same link, or the same fact row, is shown on many pages, and its HTML depends only on how
# deep the page is (links are relative): the build passes one dict as `_html_cache` to every
# render, so each is made once per depth. Keys hold the id of the object; values hold the
# object itself too, so an id is never reused while its entry lives.
CACHE = "_html_cache"
CACHE_ENTRIES = 100_000      # then the cache is emptied: bounded memory on any store


def _depth(context) -> int:
    return context["page"].path.count("/")


@pass_context
def url_filter(context, target: str | None) -> str:
    """Root-relative path -> link relative to the page being rendered (`page.path`)."""
    if target is None:
        return ""
    return relative(target, context["page"].path)


def _escape(value) -> str:
    """markupsafe.escape's output as a plain str (no Markup object per call: these filters
    escape millions of cells in a large build)."""
    text = str(value)
    # Five substring tests in C: a third of the time of a set made from the text's characters.
    if "&" not in text and "<" not in text and ">" not in text and "'" not in text and '"' not in text:
        return text
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def _link_html(link, path: str) -> Markup:
    label = _escape(link.label)
    if link.path:
        html = f'<a href="{_escape(relative(link.path, path))}">{label}</a>'
    else:
        html = label
    if link.label_en and link.label_en != link.label:
        html += f' <span class="en" lang="en">({_escape(link.label_en)})</span>'
    return Markup(html)


def _cached(context, obj, make, *key):
    cache = context.get(CACHE)
    if cache is None:
        return make()
    entry_key = (id(obj), _depth(context), *key)
    found = cache.get(entry_key)
    if found is None:
        if len(cache) >= CACHE_ENTRIES:
            cache.clear()
        found = cache[entry_key] = (obj, make())
    return found[1]


@pass_context
def link_filter(context, link) -> Markup:
    """A `Link` as an <a> (or plain text when it has no page), with its English label.

    A filter rather than a macro: it is called for nearly every cell of every table, and a
    Python function is many times faster than a jinja2 macro call. Everything is escaped."""
    if link is None:
        return Markup("–")
    return _cached(context, link, lambda: _link_html(link, context["page"].path))


@pass_context
def links_filter(context, links) -> Markup:
    if not links:
        return Markup("–")
    return Markup(", ").join(link_filter(context, l) for l in links)


@pass_context
def fact_row_filter(context, row, show_kind: bool = False) -> Markup:
    """One `FactRow` as the <tr> of a facts table (see _partials/macros.html): the row most
    pages repeat, hundreds of times, so it is made once per page depth and reused."""
    return _cached(context, row, lambda: _fact_row_html(context, row, show_kind), show_kind)


def _fact_row_html(context, r, show_kind: bool) -> Markup:
    e = _escape
    link = lambda l: link_filter(context, l)  # noqa: E731
    kind = f"<td>{e(r.kind_label)}</td>" if show_kind else ""
    if r.role_link:
        role = str(link(r.role_link))
        if r.role and r.role != r.role_link.label:
            role += f" · {e(r.role)}"
    else:
        role = e(r.role)
    if r.label:
        role += f"<br><q>{e(r.label)}</q>"
    other = str(link(r.other)) if r.other else ""
    return Markup(f"<tr><td>{e(r.year)}</td><td>{e(r.date)}</td>{kind}<td>{link(r.subject)}</td>\n"
                  f"<td>{role}</td>\n"
                  f"<td>{other}</td><td>{link(r.source.article)}</td></tr>")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("thidua.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, auto_reload=False)
    env.filters["url"] = url_filter
    env.filters["link"] = link_filter
    env.filters["links"] = links_filter
    env.filters["fact_row"] = fact_row_filter
    return env


def render(page, cache: dict | None = None, **extra) -> str:
    """The page's HTML; `cache`: a dict shared by the renders of one build (see CACHE)."""
    if cache is not None:
        extra[CACHE] = cache
    return environment().get_template(page.template).render(page=page, s=page.sections, **extra)

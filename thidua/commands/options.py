"""Option bundles shared by several commands."""
from __future__ import annotations

import click

from thidua.graph_store import DEFAULT_LOCATION


# Remote-store options reach open_store_from through the click context, not as parameters,
# so every command using store_options keeps its (store_path, endpoint) signature.
_REMOTE = "thidua.remote_options"
_REMOTE_OPTIONS = [
    (("--query-url",), dict(metavar="URL", help="SPARQL query endpoint (servers other than "
                                                "Oxigraph; default: ENDPOINT/query).")),
    (("--update-url",), dict(metavar="URL", help="SPARQL update endpoint "
                                                 "(default: ENDPOINT/update).")),
    (("--store-url",), dict(metavar="URL", help="Graph Store Protocol endpoint "
                                                "(default: ENDPOINT/store).")),
    (("--user",), dict(envvar="THIDUA_ENDPOINT_USER", help="User for HTTP basic authentication.")),
    (("--password",), dict(envvar="THIDUA_ENDPOINT_PASSWORD",
                           help="Password for basic authentication (better: the environment "
                                "variable THIDUA_ENDPOINT_PASSWORD).")),
    (("--token",), dict(envvar="THIDUA_ENDPOINT_TOKEN",
                        help="Bearer token (better: THIDUA_ENDPOINT_TOKEN).")),
    (("--timeout",), dict(type=float, metavar="SECONDS",
                          help="Seconds to wait for the endpoint on each request [default: 30].")),
]
_REMOTE_NAMES = {decls[0].lstrip("-").replace("-", "_") for decls, _ in _REMOTE_OPTIONS}


def _remember_remote(ctx, param, value):
    if value is not None:
        ctx.meta.setdefault(_REMOTE, {})[param.name] = value
    return value


def store_options(func):
    """--store DIR and --endpoint URL (with its authentication options)."""
    for decls, attrs in reversed(_REMOTE_OPTIONS):
        func = click.option(*decls, expose_value=False, callback=_remember_remote,
                            **attrs)(func)
    func = click.option("--endpoint", envvar="THIDUA_ENDPOINT", metavar="URL",
                        help="A SPARQL 1.1 server instead of the embedded store "
                             "(an Oxigraph server's base URL is enough).")(func)
    func = click.option("--store", "store_path", type=click.Path(file_okay=False),
                        default=str(DEFAULT_LOCATION), show_default=True,
                        help="Directory of the embedded on-disk store.")(func)
    return func


def remote_options() -> dict:
    """The remote-store options given to the running command (credentials included)."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get(_REMOTE, {})) if ctx is not None else {}


def open_store_from(store_path, endpoint, **kwargs):
    """The one place commands open a store: embedded at store_path, or the endpoint's."""
    from thidua.graph_store import open_store
    remote = remote_options()
    for name in _REMOTE_NAMES & kwargs.keys():  # explicit arguments win over the options
        value = kwargs.pop(name)
        if value is not None:
            remote[name] = value
    if endpoint:
        return open_store(None, endpoint=endpoint, **remote, **kwargs)
    if remote.get("query_url"):
        from thidua.graph_store.remote import RemoteStore
        return RemoteStore(**remote)
    if remote.keys() - {"timeout"}:
        raise click.UsageError("--user, --password, --token, --update-url and --store-url "
                               "need --endpoint URL or --query-url URL")
    return open_store(store_path, **kwargs)



def quiet(ctx) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet"))


def decisions_option(func):
    """--decisions FILE: the user's same / not-same decisions, applied before the rules."""
    from pathlib import Path
    return click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="TSV of 'same' / 'not-same' decisions on entities "
                             "(see docs/resolution.md); they override the resolution rules.")(func)


def resolver_for(store, decisions):
    """The resolver a load uses: the store's entities, with the user's decisions on top."""
    from thidua.loaders.resolve import Resolver
    return Resolver.from_store(store, decisions) if decisions else None

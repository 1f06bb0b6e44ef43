"""HTML documentation of the ontology files with pyLODE (OntPub for OWL, VocPub for SKOS).

pyLODE 3.4.1, the newest release for Python 3.11, reads its version from a pyproject.toml its
wheel does not ship, so `import pylode` fails with FileNotFoundError. Registering the version
module first avoids that read; nothing else in pyLODE depends on it.
"""
from __future__ import annotations

import sys
import types
from importlib import metadata

import rdflib
from rdflib.namespace import DCTERMS, RDFS, SKOS

from thidua.errors import ThiduaError
from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, ONTOLOGY_FILE, path

__all__ = ["DOCUMENTED", "ontology_html"]

_LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)

# File -> pyLODE profile.
DOCUMENTED = {ONTOLOGY_FILE: "ontpub", AWARD_TYPES_FILE: "vocpub", AWARD_FACETS_FILE: "vocpub"}


def _import_pylode():
    try:
        import pylode
        return pylode
    except FileNotFoundError:  # the 3.4.1 wheel's missing pyproject.toml: see the module doc
        for module in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
            del sys.modules[module]
    except ImportError:
        raise ThiduaError("pyLODE is not installed (pip install pylode)") from None
    sys.modules["pylode.version"] = types.SimpleNamespace(__version__=metadata.version("pylode"))
    import pylode
    return pylode


def ontology_html(name: str = ONTOLOGY_FILE, lang: str | None = "en") -> str:
    """The pyLODE HTML page of one of the DOCUMENTED files.

    pyLODE joins the labels of every language into one heading ("unitđơn vị"), so by default
    only the `lang` labels and titles are kept (descriptions stay in both languages, as
    separate paragraphs); lang=None keeps everything.
    """
    if name not in DOCUMENTED:
        raise ThiduaError(f"no documentation profile for {name!r}; known: {', '.join(DOCUMENTED)}")
    pylode = _import_pylode()
    profile = pylode.OntPub if DOCUMENTED[name] == "ontpub" else pylode.VocPub
    graph = rdflib.Graph().parse(path(name), format="turtle")
    if lang:
        _keep_one_label_language(graph, lang)
    try:
        return profile(ontology=graph).make_html()
    except SystemExit as exc:  # pyLODE exits on metadata it cannot use instead of raising
        raise ThiduaError(f"pyLODE cannot document {name}: {exc}") from None


def _keep_one_label_language(graph: rdflib.Graph, lang: str) -> None:
    for prop in _LABELS:
        for subject in set(graph.subjects(prop, None)):
            labels = list(graph.objects(subject, prop))
            if not any(getattr(label, "language", None) == lang for label in labels):
                continue  # no label in that language: keep what there is
            for label in labels:
                if getattr(label, "language", None) not in (lang, None):
                    graph.remove((subject, prop, label))

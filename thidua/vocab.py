"""The RDF terms thidua writes: one place, mirrored by ontology/thidua.ttl and shapes.ttl."""
from __future__ import annotations

from pyoxigraph import NamedNode

from thidua.iri import AWARD_TYPE, ONTOLOGY

PREFIXES = {
    "td": ONTOLOGY,
    "id": "https://w3id.org/thidua/id/",
    "at": AWARD_TYPE,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sh": "http://www.w3.org/ns/shacl#",
}


class Namespace:
    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)


TD = Namespace(PREFIXES["td"])
ORG = Namespace(PREFIXES["org"])
PROV = Namespace(PREFIXES["prov"])
SKOS = Namespace(PREFIXES["skos"])
SCHEMA = Namespace(PREFIXES["schema"])
DCTERMS = Namespace(PREFIXES["dcterms"])
OA = Namespace(PREFIXES["oa"])
TIME = Namespace(PREFIXES["time"])
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
XSD = Namespace(PREFIXES["xsd"])

RDF_TYPE = RDF.type

# Classes of units, chosen from the head noun of the unit's name (loaders/lexicons/unit-kinds.tsv).
UNIT_CLASSES = ("Unit", "Agency", "PeoplesCommittee", "AdministrativeArea", "Enterprise",
                "MassOrganisation", "PartyCommittee")
ENTITY_CLASSES = {"bloc": "EmulationBloc", "person": "Person", "jurisdiction": "Jurisdiction"}
FACT_CLASSES = {"event": "Event", "membership": "BlocMembership", "head": "BlocLeadership",
                "award": "Award", "position": "Position"}
LEADERSHIP_ROLES = {"head": "headRole", "deputy": "deputyRole"}
AWARD_STATUS = {"conferred": "Conferred", "proposed": "Proposed"}


def sparql_prefixes(names=None) -> str:
    """PREFIX lines for SPARQL text (never for values: values are bound, see graph_store)."""
    items = PREFIXES.items() if names is None else ((n, PREFIXES[n]) for n in names)
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in items)

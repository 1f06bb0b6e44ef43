"""Near-misses found by looking at all entities at once: close names kept apart, and why."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from thidua.loaders.model import Entity
from thidua.loaders.resolution import names
from thidua.loaders.resolution.decisions import Decisions, ref
from thidua.loaders.resolution.records import NearMiss, edit_distance_at_most_one
from thidua.loaders.resolution.names import NATIONAL
from thidua.text import fold

# Beyond this many entities sharing one name, listing every pair says nothing a reader can
# check (every province has a Sở Nội vụ); the group is summarised by its first pairs.
MAX_GROUP = 8


def scan_near_misses(entities: dict[str, Entity], scopes: dict[str, str],
                     decisions: Decisions) -> Iterator[NearMiss]:
    yield from _same_person_names(entities, scopes, decisions)
    yield from _close_person_names(entities, scopes)
    yield from _same_bodies_where_unknown(entities, scopes)


def _same_person_names(entities, scopes, decisions) -> Iterator[NearMiss]:
    groups = defaultdict(list)
    for e in entities.values():
        if e.kind == "person":
            groups[fold(e.label)].append(e)
    for group in groups.values():
        for a, b in _pairs(group):
            if scopes.get(a.iri) != scopes.get(b.iri):
                reason = (f"same name in different jurisdictions ({_scope(scopes, a, entities)}; "
                          f"{_scope(scopes, b, entities)}) and no evidence links them")
            elif decisions and decisions.forbids(_refs(a), _refs(b)):
                reason = "a decision says they are not the same"
            elif a.label == b.label:
                reason = "same name in the same jurisdiction, kept apart by a decision"
            else:
                reason = "same letters in the same jurisdiction, but the marks differ and no shared organisation or bloc supports a merge"
            yield NearMiss("person", a.iri, a.label, b.iri, b.label, reason)


def _close_person_names(entities, scopes) -> Iterator[NearMiss]:
    """Names one letter apart once folded ("Lê Văn An" / "Lê Văn Anh"), same scope."""
    by_deletion = defaultdict(set)
    people = [e for e in entities.values() if e.kind == "person"]
    for e in people:
        folded = fold(e.label)
        for i in range(len(folded) + 1):
            by_deletion[(scopes.get(e.iri), folded[:i] + folded[i + 1:])].add(e.iri)
    seen = set()
    for members in by_deletion.values():
        for a_iri, b_iri in _pairs(sorted(members)):
            a, b = entities[a_iri], entities[b_iri]
            pair = frozenset((a_iri, b_iri))
            if pair in seen or fold(a.label) == fold(b.label):
                continue
            seen.add(pair)
            if edit_distance_at_most_one(fold(a.label), fold(b.label)):
                yield NearMiss("person", a.iri, a.label, b.iri, b.label,
                               "one letter apart: different names, not a typo the rules merge")


def _same_bodies_where_unknown(entities, scopes) -> Iterator[NearMiss]:
    """The same unit or bloc name once with a known jurisdiction and once without."""
    groups = defaultdict(list)
    for e in entities.values():
        if e.kind != "person":
            groups[(e.kind, names.organisation_core(e.kind, _bare(e.label)))].append(e)
    for group in groups.values():
        known = {scope for scope in (scopes.get(e.iri, "") for e in group) if not _vague(scope)}
        if len(known) > 1:
            continue         # "Sở Nội vụ" somewhere unknown, and in five provinces: nothing to check
        for a, b in _pairs(group):
            sa, sb = scopes.get(a.iri, ""), scopes.get(b.iri, "")
            if sa != sb and (_vague(sa) or _vague(sb)):
                yield NearMiss(a.kind, a.iri, a.label, b.iri, b.label,
                               f"same name, but one jurisdiction is not known "
                               f"({_scope(scopes, a, entities)}; {_scope(scopes, b, entities)})")


def _pairs(items: list) -> Iterator[tuple]:
    items = items[:MAX_GROUP]
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            yield a, b


def _vague(scope: str) -> bool:
    return scope == "" or scope.startswith("bloc:")


def _bare(label: str) -> str:
    from thidua.loaders.resolution.jurisdictions import place_at_end
    place = place_at_end(label)
    return place.head if place and not place.local and place.head else label


def _scope(scopes: dict[str, str], entity: Entity, entities: dict[str, Entity]) -> str:
    scope = scopes.get(entity.iri, "")
    if scope.startswith("j:"):
        return entity.jurisdiction or scope[2:]
    if scope == NATIONAL:
        return "national"
    if scope.startswith("bloc:"):
        bloc = entities.get(scope[5:])
        return "province of " + (bloc.label if bloc else "an unnamed bloc")
    return "unknown"


def _refs(entity: Entity) -> set[str]:
    return {entity.iri} | {ref(label) for label in {entity.label} | entity.alt_labels}

"""Entity resolution: give every bloc, unit and person mention the IRI of its real-world entity.

Identity is a key: (kind, scope, core). The scope is where the name is unique (a province or
city, the nation, or - for an article whose jurisdiction is unknown - the province of its bloc);
the core is the name normalised (abbreviations expanded, generic "tỉnh"/"thành phố" resolved,
case, marks and punctuation folded for units and blocs; marks kept for people). IRIs are minted
from the key alone, so the same key gives the same IRI on every run and in every order.

On top of keys, a few rules merge what keys keep apart, each recorded with its reason:
one-mark typos of a person's name (only with a shared organisation or bloc), bloc and unit
acronyms ("KTĐKTN"), and the user's decisions file, which comes first. See docs/resolution.md.
"""
from __future__ import annotations

import os
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from thidua import iri
from thidua.loaders.model import ENTITY_FIELDS, ID_FIELDS, Article, Entity, entity_kind
from thidua.loaders.resolution import jurisdictions, names
from thidua.loaders.resolution.decisions import Decisions, ref
from thidua.loaders.resolution.jurisdictions import Jurisdiction
from thidua.loaders.resolution.names import NATIONAL, UNKNOWN, Mention
from thidua.loaders.resolution.records import Merge, NearMiss, edit_distance_at_most_one
from thidua.text import fold

_UNIT_FIELDS = ("unit", "organization", "recipient")


@dataclass
class _Context:
    """What an entity is known by besides its name: for the typo rule and for review."""
    organisations: set[str] = field(default_factory=set)
    blocs: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


class Resolver:
    """Keeps the entities seen so far, so mentions across a batch of articles share IRIs."""

    def __init__(self, decisions: Decisions | str | os.PathLike | None = None):
        self.entities: dict[str, Entity] = {}
        self.merges: list[Merge] = []
        self.decisions = (decisions if isinstance(decisions, Decisions)
                          else Decisions.read(decisions) if decisions else Decisions())
        self._by_key: dict[tuple[str, str, str], str] = {}
        self._by_fold: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._by_acronym: dict[tuple[str, str, str], str] = {}
        self._scope: dict[str, str] = {}
        self._context: dict[str, _Context] = defaultdict(_Context)
        self._register_forms: dict[str, set[str]] = defaultdict(set)   # label candidates
        self._merged: set[tuple[str, str]] = set()
        self._near: dict[frozenset, NearMiss] = {}
        self._by_ref: dict[str, set[str]] = defaultdict(set)     # for decisions: name -> entities
        self._order: dict[str, int] = {}                           # entity -> when it was first met

    @classmethod
    def from_store(cls, store, decisions=None) -> "Resolver":
        """A Resolver that knows the entities already in `store`, so their IRIs are reused."""
        from thidua.loaders.resolution.store_index import stored_entities
        resolver = cls(decisions)
        for stored in stored_entities(store):
            resolver._adopt(stored)
        return resolver

    # -- the public interface -------------------------------------------------------------
    def resolve(self, article: Article, facts: list[dict]) -> list[dict]:
        """Return the facts with `*_id` fields set; `self.entities` gains their entities."""
        out = [dict(f) for f in facts]
        home = _jurisdiction_of(article.jurisdiction)
        blocs = self._resolve_blocs(article.doc, out, home)
        home, home_scope = self._home(home, blocs)
        org_mentions = self._resolve_units(article.doc, out, home, home_scope)
        self._resolve_people(article.doc, out, home, home_scope, blocs, org_mentions)
        return out

    def absorb(self, entities: list[Entity]) -> list[Entity]:
        """Entities resolved elsewhere (facts that carry their ids): their names join what is
        known of the same IRIs, and the best name becomes the label, as for resolved mentions."""
        out = []
        for entity in entities:
            known = self.entities.setdefault(entity.iri, entity)
            if known is not entity:
                labels = {known.label, entity.label} | known.alt_labels | entity.alt_labels
                known.label = max(sorted(labels), key=lambda l: _label_quality(known.kind, l))
                known.alt_labels = labels - {known.label}
                known.jurisdiction = known.jurisdiction or entity.jurisdiction
            out.append(known)
        return out

    def entities_for(self, facts: list[dict]) -> list[Entity]:
        """The entities one article's facts point to, in a stable order."""
        iris = sorted({f[k] for f in facts for k in ID_FIELDS.values() if f.get(k)})
        return [self.entities[i] for i in iris if i in self.entities]

    def near_misses(self) -> list[NearMiss]:
        """Pairs of entities with close names that were kept apart, with the reason."""
        from thidua.loaders.resolution.review import scan_near_misses
        found = {pair: replace(miss, label_a=self.entities[miss.iri_a].label,     # labels as they are now
                               label_b=self.entities[miss.iri_b].label)
                 for pair, miss in self._near.items()}
        for miss in scan_near_misses(self.entities, self._scope, self.decisions):
            found.setdefault(frozenset((miss.iri_a, miss.iri_b)), miss)
        return sorted(found.values(), key=lambda m: (m.kind, m.label_a, m.label_b))

    def scope_of(self, entity_iri: str) -> str:
        return self._scope.get(entity_iri, UNKNOWN)

    def describe_scope(self, scope: str) -> str:
        if scope.startswith("j:"):
            j = jurisdictions.by_id(scope[2:])
            return j.name if j else scope[2:]
        if scope == NATIONAL:
            return "national or regional"
        if scope.startswith("bloc:"):
            bloc = self.entities.get(scope[5:])
            return f"the (unnamed) province of {bloc.label if bloc else scope[5:]}"
        return "unknown jurisdiction"

    # -- the three passes over one article ------------------------------------------------
    def _resolve_blocs(self, doc: str, facts: list[dict], home: Jurisdiction | None) -> list[str]:
        found = []
        for fact in facts:
            name = _name(fact, "bloc")
            if name:
                mention = names.organisation("bloc", name, home, UNKNOWN)
                fact["bloc_id"] = self._organisation(mention, doc, in_article=found)
                found.append(fact["bloc_id"])
        return found

    def _home(self, home: Jurisdiction | None, blocs: list[str]) -> tuple[Jurisdiction | None, str]:
        """The article's jurisdiction, else its main bloc's, else the bloc itself as a scope."""
        if home is not None:
            return home, home.scope
        if not blocs:
            return None, UNKNOWN
        main = Counter(blocs).most_common(1)[0][0]
        scope = self._scope.get(main, UNKNOWN)
        if scope.startswith("j:"):
            return jurisdictions.by_id(scope[2:]), scope
        return None, "bloc:" + main

    def _resolve_units(self, doc, facts, home, home_scope) -> dict[int, Mention]:
        org_mentions: dict[int, Mention] = {}
        in_article: list[str] = []
        person_homes = _person_homes(facts)
        for index, fact in enumerate(facts):
            for field_name in _UNIT_FIELDS:
                name = _name(fact, field_name)
                if not name or entity_kind(fact, field_name) != "unit":
                    continue
                # "Tỉnh ủy" of someone who is also "Phó Chủ tịch UBND tỉnh Đắk Nông" is Đắk Nông's.
                own = person_homes.get(names.person_name(fact["person"])) \
                    if field_name == "organization" and _name(fact, "person") else None
                mention = names.organisation("unit", name, own or home, own.scope if own else home_scope)
                fact[ID_FIELDS[field_name]] = self._organisation(mention, doc, in_article)
                in_article.append(fact[ID_FIELDS[field_name]])
                if field_name == "organization":
                    org_mentions[index] = mention
        return org_mentions

    def _resolve_people(self, doc, facts, home, home_scope, blocs, org_mentions) -> None:
        by_name: dict[str, list[int]] = {}
        for index, fact in enumerate(facts):
            for field_name in ("person", "recipient"):
                name = _name(fact, field_name)
                if name and entity_kind(fact, field_name) == "person":
                    by_name.setdefault(names.person_name(name), []).append(index)
        for name in _people_order(by_name):
            indexes = by_name[name]
            context = _Context(docs={doc}, blocs=set(blocs))
            scopes: Counter = Counter()
            for i in indexes:
                if facts[i].get("type") == "position":
                    if facts[i].get("organization_id"):
                        context.organisations.add(facts[i]["organization_id"])
                    if i in org_mentions:
                        scopes[org_mentions[i].scope] += 1
            scope, where = _person_scope(scopes, home, home_scope)
            person_iri = self._person(names.person(name, scope, where), doc, context)
            for i in indexes:
                for field_name in ("person", "recipient"):
                    if _name(facts[i], field_name) and entity_kind(facts[i], field_name) == "person" \
                            and names.person_name(facts[i][field_name]) == name:
                        facts[i][ID_FIELDS[field_name]] = person_iri

    # -- units and blocs ------------------------------------------------------------------
    def _organisation(self, mention: Mention, doc: str, in_article: list[str]) -> str:
        decided = self._decided(mention)
        if decided:
            return self._attach(decided[0], mention, doc, decided[1])
        found, reason = self._keyed(mention)
        if found and not self._forbidden(mention, found):
            return self._attach(found, mention, doc, reason)
        if names.is_acronym(mention.written):
            found = self._acronym(mention, in_article)
            if found:
                return self._attach(found, mention, doc,
                                    f"acronym of '{self.entities[found].label}' (initials of its words)")
        return self._create(mention, doc)

    def _acronym(self, mention: Mention, in_article: list[str]) -> str | None:
        for candidate in dict.fromkeys(in_article):
            entity = self.entities[candidate]
            if entity.kind == mention.kind and names.initials(_head(entity.label)) == mention.written:
                return candidate
        found = self._by_acronym.get((mention.kind, mention.scope, mention.written))
        return found if found and not self._forbidden(mention, found) else None

    # -- people ---------------------------------------------------------------------------
    def _person(self, mention: Mention, doc: str, context: _Context) -> str:
        decided = self._decided(mention)
        misses: list[tuple[str, str]] = []
        if decided:
            found = self._attach(decided[0], mention, doc, decided[1])
        elif (keyed := self._keyed(mention))[0] and not self._forbidden(mention, keyed[0]):
            found = keyed[0]
            self._flag_weak_merge(found, mention, doc, context)
            self._attach(found, mention, doc, keyed[1])
        else:
            found, misses = self._typo_match(mention, doc, context)
            found = found or self._create(mention, doc)
        for candidate, reason in misses:
            if candidate != found:
                self._near_miss(candidate, found, reason)
        self._add_context(found, context)
        return found

    def _typo_match(self, mention: Mention, doc: str,
                    context: _Context) -> tuple[str | None, list[tuple[str, str]]]:
        """A known person in the same scope whose name differs by one mark, with shared context;
        and the candidates turned down, with why."""
        misses, found = [], None
        candidates = self._by_fold.get(("person", mention.scope, fold(mention.core)), ())
        for candidate in sorted(candidates, key=self._order.__getitem__):     # the earliest first
            entity = self.entities[candidate]
            spellings = {names.person_core(label) for label in {entity.label} | entity.alt_labels}
            if not any(edit_distance_at_most_one(s, mention.core) for s in spellings):
                misses.append((candidate, "same letters, but more than one mark differs"))
                continue
            shared = self._shared_context(candidate, context)
            if self._forbidden(mention, candidate):
                misses.append((candidate, "a decision says they are not the same"))
            elif shared and found:
                # Two spellings one mark either side of this one ("Phạm Trong Hiệp", "Pham Trọng
                # Hiệp" around "Phạm Trọng Hiệp"): minted IRIs stay, a person decides.
                misses.append((candidate, f"both are one mark from '{mention.label}', which joined "
                                          f"'{self.entities[found].label}': probably one person; "
                                          "a 'same' decision would join them"))
            elif shared:
                found = self._attach(candidate, mention, doc,
                                     f"one-mark variant of '{entity.label}' in the same jurisdiction "
                                     f"({self.describe_scope(mention.scope)}) with {shared}")
            else:
                misses.append((candidate, "one mark apart in the same jurisdiction, but no shared "
                                          "organisation or bloc supports it"))
        return found, misses

    def _flag_weak_merge(self, person_iri: str, mention: Mention, doc: str, context: _Context) -> None:
        """A name met again in another article with nothing else in common: list it for review."""
        known = self._context[person_iri]
        if doc in known.docs or self._shared_context(person_iri, context) or (person_iri, doc) in self._merged:
            return
        self._merged.add((person_iri, doc))
        entity = self.entities[person_iri]
        self.merges.append(Merge("person", person_iri, entity.label, mention.written, doc,
                                 f"the same name in the same jurisdiction ({self.describe_scope(mention.scope)}), "
                                 "but no shared organisation or bloc: worth checking"))

    def _shared_context(self, candidate: str, context: _Context) -> str:
        known = self._context[candidate]
        orgs = known.organisations & context.organisations
        if orgs:
            return "the shared organisation '" + self.entities[min(orgs)].label + "'"
        blocs = known.blocs & context.blocs
        if blocs:
            return "the shared bloc '" + self.entities[min(blocs)].label + "'"
        return ""

    def _add_context(self, person_iri: str, context: _Context) -> None:
        known = self._context[person_iri]
        known.organisations |= context.organisations
        known.blocs |= context.blocs
        known.docs |= context.docs

    # -- decisions ------------------------------------------------------------------------
    def _refs(self, mention: Mention) -> set[str]:
        return {ref(mention.written), ref(mention.label)}

    def _entity_refs(self, entity_iri: str) -> set[str]:
        entity = self.entities[entity_iri]
        return {entity_iri} | {ref(label) for label in {entity.label} | entity.alt_labels}

    def _decided(self, mention: Mention) -> tuple[str, str] | None:
        """An entity the decisions file says this mention is the same as, and the reason."""
        partners = self.decisions.partners(self._refs(mention)) if self.decisions else set()
        for partner in sorted(partners):
            known = {partner} if partner in self.entities else self._by_ref.get(partner, set())
            for entity_iri in sorted(known):
                entity = self.entities[entity_iri]
                if entity.kind == mention.kind:
                    return entity_iri, f"decision: the same as '{entity.label}' ({self.decisions.source})"
        return None

    def _keyed(self, mention: Mention) -> tuple[str | None, Callable[[], str]]:
        """The entity of the mention's key, unless a "same <IRI A> <IRI B>" decision sends
        B's mentions to A; and the reason for the record."""
        keyed = self._by_key.get(mention.key)
        if keyed and self.decisions:
            target = self.decisions.redirect(keyed)
            if target != keyed and target in self.entities:
                return target, lambda: f"decision: {keyed} is the same as {target} ({self.decisions.source})"
        return keyed, lambda: self._key_reason(keyed, mention)

    def _forbidden(self, mention: Mention, entity_iri: str) -> bool:
        return bool(self.decisions) and self.decisions.forbids(self._refs(mention),
                                                               self._entity_refs(entity_iri))

    # -- the index ------------------------------------------------------------------------
    def _create(self, mention: Mention, doc: str) -> str:
        key = mention.key
        if key in self._by_key:      # the same key, kept apart by a decision: a key of its own
            key = (*key[:2], key[2] + "\x1f" + ref(mention.written))
        entity_iri = mint(*key, where=mention.jurisdiction)
        target = self.decisions.redirect(entity_iri) if self.decisions else entity_iri
        if target != entity_iri and target in self.entities:
            return self._attach(target, mention, doc,
                                f"decision: {entity_iri} is the same as {target} ({self.decisions.source})")
        self.entities[entity_iri] = Entity(entity_iri, mention.kind, mention.label,
                                           jurisdiction=_entity_jurisdiction(mention))
        self._scope[entity_iri] = mention.scope
        self._order[entity_iri] = len(self._order)
        self._index(entity_iri, mention, key)
        self._register_forms[entity_iri].add(mention.label)
        self._add_label(self.entities[entity_iri], mention)
        self._context[entity_iri].docs.add(doc)
        return entity_iri

    def _attach(self, entity_iri: str, mention: Mention, doc: str, reason: str | Callable[[], str]) -> str:
        entity = self.entities[entity_iri]
        known = {entity.label} | entity.alt_labels
        if mention.label not in known and (entity_iri, mention.label) not in self._merged and \
                not any(names.same_spelling(mention.label, k) for k in known):   # case is no news
            self._merged.add((entity_iri, mention.label))
            reason = reason() if callable(reason) else reason     # worded only when recorded
            self.merges.append(Merge(entity.kind, entity_iri, entity.label, mention.written, doc, reason))
        self._index(entity_iri, mention, mention.key)
        self._register_forms[entity_iri].add(mention.label)
        self._add_label(entity, mention)
        self._context[entity_iri].docs.add(doc)
        return entity_iri

    def _index(self, entity_iri: str, mention: Mention, key: tuple[str, str, str]) -> None:
        self._by_key.setdefault(key, entity_iri)
        self._by_key.setdefault(mention.key, entity_iri)
        if mention.kind == "person":
            self._by_fold[("person", mention.scope, fold(mention.core))].add(entity_iri)
        else:
            acronym = names.initials(_head(mention.label))
            if len(acronym) >= 3:
                self._by_acronym.setdefault((mention.kind, mention.scope, acronym), entity_iri)

    def _add_label(self, entity: Entity, mention: Mention) -> None:
        """Variants become alternative labels; the best register form becomes the label.

        The choice depends on the set of forms only, not on how often or in which order they
        came, so a load resumed from the store picks the label an uninterrupted one picks.
        """
        labels = {entity.label, mention.label} | entity.alt_labels
        if mention.kind != "person" and mention.written != mention.label and \
                not any("generic" in s for s in mention.steps):
            labels.add(mention.written)      # "Sở KH&ĐT", "KTĐKTN": worth finding by
        best = max(sorted(self._register_forms[entity.iri]), key=lambda l: _label_quality(entity.kind, l))
        entity.label = best
        entity.alt_labels = labels - {best}
        if self.decisions:
            for label in labels:
                self._by_ref[ref(label)].add(entity.iri)

    def _key_reason(self, entity_iri: str, mention: Mention) -> str:
        steps = list(mention.steps)
        if mention.kind != "person":     # what made the known label match, too ("số IV")
            known = names.organisation(mention.kind, self.entities[entity_iri].label,
                                       mention.jurisdiction, mention.scope)
            steps += [s for s in known.steps if s not in steps]
        steps = "; ".join(steps) or "case, marks and punctuation aside"
        return (f"the same name once normalised ({steps}) in the same scope "
                f"({self.describe_scope(mention.scope)})")

    def _near_miss(self, iri_a: str, iri_b: str, reason: str) -> None:
        a, b = sorted((iri_a, iri_b))
        # The latest reason wins: it was given knowing more of the corpus.
        self._near[frozenset((a, b))] = NearMiss(self.entities[a].kind, a, "", b, "", reason)

    def _adopt(self, stored) -> None:
        """Index an entity read back from the store under every label it has."""
        entity: Entity = stored.entity
        self.entities[entity.iri] = entity
        self._scope[entity.iri] = stored.scope
        self._order.setdefault(entity.iri, len(self._order))
        for label in [entity.label, *sorted(entity.alt_labels)]:
            mention = stored.mention(label)
            self._index(entity.iri, mention, mention.key)
            if label != entity.label:
                self._merged.add((entity.iri, label))
                self.merges.append(Merge(entity.kind, entity.iri, entity.label, label, "(store)",
                                         "stored as an alternative label of this entity"))
        self._register_forms[entity.iri] |= stored.register_forms()
        best = max(sorted(self._register_forms[entity.iri]), key=lambda l: _label_quality(entity.kind, l))
        entity.alt_labels = (entity.alt_labels | {entity.label}) - {best}
        entity.label = best
        if self.decisions:
            for label in {entity.label} | entity.alt_labels:
                self._by_ref[ref(label)].add(entity.iri)
        context = self._context[entity.iri]
        context.organisations |= stored.organisations
        context.blocs |= stored.blocs
        context.docs |= stored.docs


def mint(kind: str, scope: str, core: str, where: Jurisdiction | None = None) -> str:
    """The IRI of a key: readable slug from the core (and place), hash of the whole key."""
    place = where.bare if where and scope == where.scope else ""
    readable = " ".join(p for p in (core.split("\x1f")[0], place) if p) or kind
    return iri.entity(kind, readable, scope, core)


def _jurisdiction_of(name: str | None) -> Jurisdiction | None:
    if not name or not name.strip():
        return None
    return jurisdictions.find(name) or jurisdictions.unlisted(name)


def _entity_jurisdiction(mention: Mention) -> str | None:
    return mention.jurisdiction.name if mention.jurisdiction and mention.scope.startswith("j:") else None


def _people_order(by_name: dict[str, list[int]]) -> list[str]:
    """Names with more mentions first, so a one-off typo meets the name it misspells."""
    return sorted(by_name, key=lambda n: (-len(by_name[n]), by_name[n][0]))


def _person_homes(facts: list[dict]) -> dict[str, Jurisdiction]:
    """Person name -> the province their organisations name explicitly, in this article."""
    places: dict[str, Counter] = defaultdict(Counter)
    for fact in facts:
        person, organisation = _name(fact, "person"), _name(fact, "organization")
        if fact.get("type") == "position" and person and organisation:
            place = jurisdictions.place_at_end(names.organisation("unit", organisation, None, UNKNOWN).label)
            if place is not None:
                places[names.person_name(person)][place.jurisdiction] += 1
    return {person: counts.most_common(1)[0][0] for person, counts in places.items()}


def _person_scope(org_scopes: Counter, home: Jurisdiction | None,
                  home_scope: str) -> tuple[str, Jurisdiction | None]:
    """Where a person is known: the province of their organisations, else national, else home."""
    provinces = [s for s, _ in org_scopes.most_common() if s.startswith("j:")]
    if provinces:
        return provinces[0], jurisdictions.by_id(provinces[0][2:]) or home
    if NATIONAL in org_scopes:
        return NATIONAL, None
    return home_scope, home


def _name(fact: dict, field_name: str) -> str | None:
    value = fact.get(field_name)
    return value if field_name in ENTITY_FIELDS and isinstance(value, str) and value.strip() else None


def _head(label: str) -> str:
    place = jurisdictions.place_at_end(label)
    return place.head if place and not place.local and place.head else label


@lru_cache(maxsize=1 << 16)      # asked for every form of an entity at every mention of it
def _label_quality(kind: str, label: str) -> tuple:
    """Which register form names the entity: for people the one with more marks (typos drop
    marks far more often than they add them); for blocs the one named as a bloc; for an area
    the area rather than its People's Committee ("quận Hoàng Mai"); then the fuller name
    ("Cục Hải quan thành phố Hải Phòng"), then one written as a heading ("Quận Hoàng Mai")."""
    marks = sum(1 for ch in unicodedata.normalize("NFD", label) if unicodedata.combining(ch))
    marks += label.lower().count("đ")      # a letter of its own, but dropped like a mark
    if kind == "person":
        return (marks, len(label))
    named_as_bloc = "thi đua" in label.lower() if kind == "bloc" else True
    area_itself = not names.is_committee_of_area(label)
    return (named_as_bloc, area_itself, len(label), marks, label[:1].isupper())

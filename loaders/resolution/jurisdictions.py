"""Provinces and centrally-governed cities: the scopes most entities are resolved within."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from thidua.loaders.resolution.lexicon import rows, words
from thidua.text import clean, fold, slug

LEVELS = ("thành phố", "tỉnh")


@dataclass(frozen=True)
class Jurisdiction:
    id: str           # "ha-tinh": the slug iri.jurisdiction() gives its name
    name: str         # "tỉnh Hà Tĩnh"
    level: str        # "tỉnh" | "thành phố"
    bare: str         # "Hà Tĩnh"
    status: str       # current | merged-2025:<id> | ...
    variants: tuple[str, ...] = ()

    @property
    def scope(self) -> str:
        return "j:" + self.id


@dataclass(frozen=True)
class Place:
    """A name that ends with a province: the name before it, and the province."""
    head: str                    # the name without the place ("Cục Hải quan")
    jurisdiction: Jurisdiction
    local: bool = False          # "thành phố Hà Tĩnh": a city inside the province, not it


@lru_cache(maxsize=1)
def all_jurisdictions() -> dict[str, Jurisdiction]:
    out = {}
    for row in rows("jurisdictions"):
        jid, name, status = row[0], clean(row[1]), row[2]
        level = next(lv for lv in LEVELS if name.startswith(lv + " "))
        variants = tuple(clean(v) for v in row[3].split("|") if v.strip()) if len(row) > 3 else ()
        out[jid] = Jurisdiction(jid, name, level, name[len(level) + 1:], status, variants)
    return out


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, Jurisdiction]:
    """Folded bare names and variants -> jurisdiction."""
    table = {}
    for j in all_jurisdictions().values():
        for name in (j.bare, *j.variants):
            table[fold(name)] = j
    return table


@lru_cache(maxsize=1)
def _longest_place() -> int:
    """Words (as split on spaces, "-" included) in the longest name: "Bà Rịa - Vũng Tàu" is 5."""
    return max(len(name.split()) for j in all_jurisdictions().values() for name in (j.bare, *j.variants))


def find(name: str | None) -> Jurisdiction | None:
    """The jurisdiction a manifest cell or a whole name means ("tỉnh Hà Tĩnh", "Hà Tĩnh")."""
    if not name or not name.strip():
        return None
    place = place_at_end(clean(name))
    if place is None or place.local or place.head:
        return None
    return place.jurisdiction


def by_id(jid: str) -> Jurisdiction | None:
    return all_jurisdictions().get(jid)


def unlisted(name: str) -> Jurisdiction:
    """A jurisdiction missing from the lexicon: still a scope of its own, named as written."""
    text = clean(name)
    level = next((lv for lv in LEVELS if text.lower().startswith(lv + " ")), "")
    bare = text[len(level) + 1:] if level else text
    return Jurisdiction(slug(bare), text, level, bare, "unlisted")


@lru_cache(maxsize=1 << 16)      # a pure function of the name, asked again for every mention
def place_at_end(label: str) -> Place | None:
    """The province a unit or bloc name ends with ("Cục Thuế thành phố Cần Thơ" -> Cần Thơ).

    Place names are compared folded (tone placement and case vary); admin words are compared
    with their marks, because folded "Hải quan" would read as "quận".
    """
    words_ = label.replace("(", " ").replace(")", " ").split()
    for size in range(min(_longest_place(), len(words_)), 0, -1):
        j = _by_folded_name().get(fold(" ".join(words_[-size:])))
        if j is not None:
            return _place(words_[:-size], j, label)
    return None


def _place(before: list[str], j: Jurisdiction, label: str) -> Place | None:
    lowered = [w.lower().rstrip(".") for w in before]
    for admin in _admin_words():
        admin_words = admin.split()
        if len(admin_words) <= len(lowered) and lowered[-len(admin_words):] == admin_words:
            if admin not in LEVELS and admin != "tp":
                return None          # "huyện Hòa Bình": a district, whatever province it is in
            if not _level_agrees(admin, j):
                # "thành phố Hà Tĩnh" is the city inside tỉnh Hà Tĩnh: the province is its scope.
                return Place(label, j, local=True)
            return Place(_join(before[:-len(admin_words)]), j)
    return Place(_join(before), j)


def _join(words_: list[str]) -> str:
    return " ".join(words_).rstrip(" ,-–")


@lru_cache(maxsize=1)
def _admin_words() -> tuple[str, ...]:
    return tuple(sorted({*words("admin-words"), "tp"}, key=lambda w: -len(w.split())))


def _level_agrees(admin: str, j: Jurisdiction) -> bool:
    return ("thành phố" if admin == "tp" else admin) == j.level

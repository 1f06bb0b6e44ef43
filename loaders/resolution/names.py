"""Name normalisation: a mention -> its register label, its identity key and its scope.

A scope is where a name is unique: "j:<jurisdiction id>" for a province or city, "vn" for
national and regional bodies, "bloc:<bloc IRI>" for an article whose jurisdiction is unknown
(its bodies are those of the province its bloc belongs to, whichever that is), or "" when
nothing is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.loaders.resolution import jurisdictions
from thidua.loaders.resolution.jurisdictions import Jurisdiction
from thidua.loaders.resolution.lexicon import rows, words
from thidua.text import abbreviations, clean, expand_abbreviations, fold

NATIONAL = "vn"
UNKNOWN = ""

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7",
          "viii": "8", "ix": "9", "x": "10", "xi": "11", "xii": "12", "xiii": "13", "xiv": "14",
          "xv": "15", "xvi": "16", "xvii": "17", "xviii": "18", "xix": "19", "xx": "20"}
_NUMBERED = re.compile(r"\bso (" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b")
_BLOC_WORDS = re.compile(r"^(khoi|cum) thi dua\b")
_ACRONYM = re.compile(r"[A-ZĐÂĂÊÔƠƯ]{3,}")
_QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True)
class Mention:
    """One normalised name: how to label it, and the key its entity is found by."""
    kind: str                     # bloc | unit | person
    written: str                  # the name as the fact gives it (clean)
    label: str                    # register label: abbreviations expanded, place resolved
    core: str                     # identity key within the scope
    scope: str
    jurisdiction: Jurisdiction | None = None
    steps: tuple[str, ...] = field(default=(), compare=False)   # what normalisation did

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.scope, self.core)


# -- units and blocs ----------------------------------------------------------------------
@lru_cache(maxsize=65536)
def organisation(kind: str, name: str, home: Jurisdiction | None, home_scope: str) -> Mention:
    """A unit or bloc named in an article about `home` (scope `home_scope` when unknown)."""
    written = _strip_quotes(clean(name))
    label, steps = _expanded(written)
    label, generic = resolve_generic(label, home)
    steps += generic
    place = jurisdictions.place_at_end(label)
    if place is not None:
        head = place.head if not place.local else label
        scope, where = place.jurisdiction.scope, place.jurisdiction
    elif is_national(label):
        head, scope, where = label, NATIONAL, None
    else:
        head, where = label, home
        scope = home.scope if home else home_scope
        if home and home.level and _names_own_body(kind, label):     # not for an unlisted one
            label = f"{label} {home.name}"
            steps += (f"named after the article's jurisdiction, {home.name}",)
    core = organisation_core(kind, head)
    return Mention(kind, written, label, core, scope, where, steps + _core_steps(kind, head, core))


def organisation_core(kind: str, head: str) -> str:
    """The identity key of a unit or bloc name without its place: folded, numbered, bare."""
    core = fold(head.replace("&", " và "))
    core = _NUMBERED.sub(lambda m: "so " + _ROMAN[m.group(1)], core)
    if kind == "bloc":
        core = _BLOC_WORDS.sub(lambda m: m.group(1), core)
    # "Ủy ban nhân dân huyện Đông Anh" is how the district acts: one entity with the district.
    core = re.sub(r"^uy ban nhan dan(?= |$)\s*(?=(" + _folded_admin() + r")\b|$)", "", core)
    return core.strip()


def is_committee_of_area(label: str) -> bool:
    """ "Ủy ban nhân dân huyện Đông Anh": the People's Committee standing for its area."""
    return re.match(r"uy ban nhan dan (" + _folded_admin() + r")\b", fold(label)) is not None


def _core_steps(kind: str, head: str, core: str) -> tuple[str, ...]:
    """What the identity key ignores, in words, for merge reasons."""
    folded = fold(head)
    steps = ()
    if _NUMBERED.search(folded):
        steps += ("Roman numerals read as numbers",)
    if folded.startswith("uy ban nhan dan") and not core.startswith("uy ban nhan dan"):
        steps += ("an area and its People's Committee are one entity",)
    if kind == "bloc" and folded.startswith(("khoi ", "cum ")) and not _BLOC_WORDS.match(folded):
        steps += ("'Khối X' read as 'Khối thi đua X'",)
    return steps


def _expanded(written: str) -> tuple[str, tuple[str, ...]]:
    label = clean(expand_abbreviations(written))
    steps = ("abbreviations expanded",) if label != written else ()
    official = official_spelling(label)
    if official != label:
        steps += ("official spelling",)
    return official, steps


def resolve_generic(label: str, home: Jurisdiction | None) -> tuple[str, tuple[str, ...]]:
    """"Cục Hải quan thành phố" in a Hải Phòng article -> "Cục Hải quan thành phố Hải Phòng"."""
    if home is None:
        return label, ()
    lowered = label.lower()
    for ending, level, how in _generic_endings():
        if lowered == ending.lower() and how == "name":
            continue                      # a bare "tỉnh" is not a name
        if (lowered.endswith(" " + ending.lower()) or lowered == ending.lower()) and level == home.level:
            stem = label[: len(label) - len(ending)].rstrip()
            resolved = f"{stem} {home.name}" if how == "name" else f"{label} {home.bare}"
            return resolved.strip(), (f"generic '{ending}' resolved to {home.name}",)
    return label, ()


def is_national(label: str) -> bool:
    return any(p.search(label) for p in _national_patterns())


def official_spelling(label: str) -> str:
    table, pattern = _official_names()
    return pattern.sub(lambda m: table[_spelling_key(m.group(0))], label)


def _spelling_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def same_spelling(a: str, b: str) -> bool:
    """Equal but for case, spaces and punctuation ("quận Ba Đình", "Quận Ba Đình")."""
    return _spelling_key(a) == _spelling_key(b)


def _names_own_body(kind: str, label: str) -> bool:
    """A bloc, or a provincial body ("Sở Du lịch") naming no place of its own."""
    if _names_local_area(label):
        return False
    if kind == "bloc":
        return True
    lowered = label.lower()
    return any(lowered == h or lowered.startswith(h + " ") for h in _provincial_heads())


def _names_local_area(label: str) -> bool:
    """ "Ủy ban nhân dân huyện Gia Lâm", or an unresolved "... thành phố" at the end."""
    admin = "|".join(words("admin-words"))
    return re.search(rf"\b({admin})(\s+\w|$)", label.lower()) is not None


def _strip_quotes(text: str) -> str:
    return text.strip(_QUOTES + " ,;:.").strip()


# -- people ---------------------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)      # asked several times per fact that names a person
def person_name(name: str) -> str:
    """The person's name without words of address ("ông", "đồng chí")."""
    text = _strip_quotes(clean(name))
    if text.isupper():
        text = text.title()             # "TRƯƠNG MINH HIẾN" in a headline
    lowered = text.lower()
    for title in _person_titles():
        if lowered.startswith(title + " ") and len(text) > len(title) + 1:
            return text[len(title) + 1:].strip()
    return text


def person_core(name: str) -> str:
    """People who differ by a mark are different people by default: keep the marks."""
    return clean(name).lower()


def person(name: str, scope: str, where: Jurisdiction | None) -> Mention:
    label = person_name(name)
    return Mention("person", clean(name), label, person_core(label), scope, where)


# -- acronyms -------------------------------------------------------------------------------
def is_acronym(name: str) -> bool:
    """ "KTĐKTN": capitals only, and not one of the known abbreviations (UBND ...)."""
    text = clean(name)
    return bool(_ACRONYM.fullmatch(text)) and text not in abbreviations()


@lru_cache(maxsize=1 << 16)      # asked at every mention of every bloc and unit
def initials(label: str) -> str:
    """ "Khối thi đua Kinh tế ngành" -> "KTĐKTN" (first letter of each word)."""
    return "".join(w[0] for w in re.findall(r"\w+", label) if not w.isdigit()).upper()


# -- lexicons -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _generic_endings() -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted(((r[0], r[1], r[2]) for r in rows("generic")), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _national_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r[0]) for r in rows("national"))


@lru_cache(maxsize=1)
def _official_names() -> tuple[dict[str, str], re.Pattern]:
    """Official names, matched case-insensitively with any punctuation between their words
    ("Ban Thi đua, Khen thưởng" is "Ban Thi đua - Khen thưởng")."""
    names_ = words("unit-names")
    flexible = [r"[\s,\-–]+".join(map(re.escape, re.findall(r"\w+", n))) for n in names_]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(flexible)})(?!\w)", re.IGNORECASE)
    return {_spelling_key(n): n for n in names_}, pattern


@lru_cache(maxsize=1)
def _provincial_heads() -> tuple[str, ...]:
    return tuple(h.lower() for h in words("provincial-heads"))


@lru_cache(maxsize=1)
def _person_titles() -> tuple[str, ...]:
    return tuple(t.lower() for t in words("person-titles"))


@lru_cache(maxsize=1)
def _folded_admin() -> str:
    return "|".join(re.escape(fold(w)) for w in words("admin-words"))

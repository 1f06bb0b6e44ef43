"""The synthetic world the articles report on: jurisdictions, blocs and their member units,
officials and their careers, heads and deputies, awards, year by year (2010-2026).

Everything is drawn from `random.Random` instances seeded with strings ("seed:province:7"),
which Python hashes with SHA-512, so a seed gives the same world on every machine and run.
A province's world is built only when its first article is written and dropped after its
last one, so memory stays flat however many articles are asked for.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "synth_data"
FIRST_YEAR, LAST_YEAR = 2010, 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
# Typos and namesakes are what the resolver must cope with; these rates keep them common
# enough to show up in a 100-article corpus.
NAMESAKE_RATE = 0.06
VICE_CHAIRS = 3


def _data_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Province:
    index: int
    name: str           # "Hà Tĩnh"
    kind: str           # "tỉnh" | "thành phố"
    party: str          # "Tỉnh ủy" | "Thành ủy"

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def youth_union(self) -> str:
        return "Tỉnh Đoàn" if self.kind == "tỉnh" else "Thành Đoàn"

    def fill(self, template: str) -> str:
        return (template.replace("{T}", self.kind).replace("{P}", self.name)
                .replace("{U}", self.party).replace("Tỉnh Đoàn", self.youth_union))


@dataclass(frozen=True)
class UnitKind:
    bloc_kind: str
    register: str
    mentions: tuple[str, ...]
    leader_role: str
    deputy_role: str
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class AwardType:
    id: str
    register: str
    wordings: tuple[str, ...]


@dataclass(frozen=True)
class BlocKind:
    id: str
    group: str          # "khoi" | "cum"
    names: tuple[str, ...]


class Lexicon:
    """The data files under synth_data/, parsed once."""

    def __init__(self):
        self.provinces = [Province(i, *row.split("\t")) for i, row in enumerate(_data_lines("provinces.tsv"))]
        self.surnames = _data_lines("surnames.txt")
        self.middle = {False: _data_lines("middle_male.txt"), True: _data_lines("middle_female.txt")}
        self.given = {False: _data_lines("given_male.txt"), True: _data_lines("given_female.txt")}
        self.district_parts = _data_lines("district_parts.txt")
        self.bloc_kinds = [BlocKind(k, g, tuple(n.split("|")))
                           for k, g, n in (row.split("\t") for row in _data_lines("blocs.tsv"))]
        self.unit_kinds: dict[str, list[UnitKind]] = {}
        for row in _data_lines("units.tsv"):
            kind, register, mentions, leader, deputy, alts = (row.split("\t") + [""])[:6]
            self.unit_kinds.setdefault(kind, []).append(UnitKind(
                kind, register, tuple(mentions.split("|")), leader, deputy,
                tuple(a for a in alts.split("|") if a)))
        self.awards = {row.split("\t")[0]: AwardType(*row.split("\t")[:2], tuple(row.split("\t")[2].split("|")))
                       for row in _data_lines("awards.tsv")}
        self.templates = _sections(_data_lines("templates.txt"))


def _sections(lines: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return sections


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


# -- entities ---------------------------------------------------------------------------------

@dataclass(eq=False)
class Person:
    key: str
    name: str
    female: bool
    party: str | None   # "btv" (Ủy viên Ban Thường vụ), "tuv" (Tỉnh ủy viên) or None


@dataclass(eq=False)
class Unit:
    key: str
    register: str                 # the gold name: "Sở Tài chính tỉnh Hà Tĩnh"
    mentions: tuple[str, ...]     # how articles write it
    alternatives: tuple[str, ...]
    leader_role: str
    deputy_role: str
    organization: str             # where its leader holds the position (gold)
    org_mentions: tuple[str, ...]  # how articles write that organisation after a role
    joined: int = FIRST_YEAR
    left: int | None = None

    def member_in(self, year: int) -> bool:
        return self.joined <= year and (self.left is None or year < self.left)


@dataclass(eq=False)
class Bloc:
    key: str
    kind: BlocKind
    province: Province
    name: str                      # "Khối thi đua các cơ quan tổng hợp"
    units: list[Unit]
    heads: dict[int, tuple[Unit, Unit]] = field(default_factory=dict)
    # proposed at the year's closing conference, conferred the next year
    proposals: dict[int, list[tuple[str, Unit]]] = field(default_factory=dict)
    conferred_at: dict[int, str] = field(default_factory=dict)   # year -> "kk" | "tk" of year+1
    person_awards: dict[int, list[Unit]] = field(default_factory=dict)   # deputies of these units
    emulation_fighter: dict[int, Unit] = field(default_factory=dict)     # proposed CSTĐ (deputy)
    medals: dict[int, Unit] = field(default_factory=dict)

    @property
    def register(self) -> str:
        return f"{self.name} {self.province.full}"

    def members(self, year: int) -> list[Unit]:
        return [u for u in self.units if u.member_in(year)]


@dataclass
class Officials:
    """Who held which post in one year."""
    leaders: dict[str, tuple[Person, Person]]   # unit key -> (leader, deputy)
    vice_chairs: tuple[Person, ...]
    emulation_board: tuple[Person, Person]      # Trưởng ban, Phó Trưởng ban Thi đua - Khen thưởng


@dataclass
class ProvinceWorld:
    province: Province
    blocs: dict[str, Bloc]
    officials: dict[int, Officials]


class NameBook:
    """Mints person names; now and then reuses a name from another province (a namesake)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.used_elsewhere: list[tuple[str, bool]] = []
        self._province_names: list[tuple[str, bool]] = []

    def start_province(self):
        self.used_elsewhere.extend(self._province_names)
        self._province_names = []

    def new(self, rng: random.Random, key: str, party: str | None = None) -> Person:
        if self.used_elsewhere and rng.random() < NAMESAKE_RATE:
            name, female = rng.choice(self.used_elsewhere)
        else:
            female = rng.random() < 0.35
            surname = self.lex.surnames[min(int(rng.expovariate(0.18)), len(self.lex.surnames) - 1)]
            name = f"{surname} {rng.choice(self.lex.middle[female])} {rng.choice(self.lex.given[female])}"
        self._province_names.append((name, female))
        return Person(key, name, female, party)


# -- building a province ----------------------------------------------------------------------

def build_province(seed: int, province: Province, bloc_kinds: list[BlocKind], names: NameBook) -> ProvinceWorld:
    lex = lexicon()
    rng = random.Random(f"{seed}:province:{province.index}")
    names.start_province()
    blocs = {}
    districts = _district_names(rng, lex, 3 * 7)
    clusters = 0
    for kind in bloc_kinds:
        own_districts = districts[clusters * 7:(clusters + 1) * 7] if kind.group == "cum" else []
        clusters += kind.group == "cum"
        units = _bloc_units(rng, lex, province, kind, own_districts)
        bloc = Bloc(f"{province.index}:{kind.id}", kind, province, rng.choice(kind.names), units)
        _plan_bloc(random.Random(f"{seed}:bloc:{bloc.key}"), bloc)
        blocs[bloc.key] = bloc
    all_units = [u for b in blocs.values() for u in b.units]
    officials = _careers(random.Random(f"{seed}:careers:{province.index}"), province, all_units, names)
    return ProvinceWorld(province, blocs, officials)


def _district_names(rng: random.Random, lex: Lexicon, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        a, b = rng.sample(lex.district_parts, 2)
        if f"{a} {b}" not in names:
            names.append(f"{a} {b}")
    return names


def _bloc_units(rng, lex, province: Province, kind: BlocKind, districts: list[str]) -> list[Unit]:
    if kind.group == "cum":
        level = "quận" if province.kind == "thành phố" and kind.id == "cum-1" else "huyện"
        picked = districts[: rng.randint(4, 7)]
        units = [Unit(f"{province.index}:{level}:{d}", f"{level} {d}",
                      (f"{level} {d}", f"UBND {level} {d}", f"{level} {d}"), (), "Chủ tịch", "Phó Chủ tịch",
                      f"Ủy ban nhân dân {level} {d}", (f"UBND {level} {d}", f"Ủy ban nhân dân {level} {d}"))
                 for d in picked]
    else:
        kinds = lex.unit_kinds[kind.id]
        picked = rng.sample(kinds, k=min(len(kinds), rng.randint(6, 8)))
        picked.sort(key=kinds.index)
        units = []
        for k in picked:
            register = province.fill(k.register)
            mentions = tuple(province.fill(m) for m in k.mentions)
            units.append(Unit(f"{province.index}:{register}", register, mentions,
                              tuple(province.fill(a) for a in k.alternatives),
                              k.leader_role, k.deputy_role, register, mentions))
    for unit in units:
        if rng.random() < 0.12:
            unit.joined = rng.randint(FIRST_YEAR + 1, LAST_YEAR - 2)
        elif rng.random() < 0.1:
            unit.left = rng.randint(FIRST_YEAR + 3, LAST_YEAR)
    return units


def _plan_bloc(rng: random.Random, bloc: Bloc) -> None:
    """Heads and deputies year by year (the deputy usually heads the next year), and awards."""
    previous = None
    for year in YEARS:
        members = bloc.members(year) or bloc.units
        if previous is None or len(members) < 3:
            head, deputy = rng.sample(members, 2) if len(members) >= 2 else (members[0], members[0])
        else:
            old_head, old_deputy = previous
            if old_deputy in members and rng.random() < 0.7:
                head = old_deputy
            else:
                head = rng.choice([u for u in members if u is not old_head] or members)
            deputy = rng.choice([u for u in members if u not in (head, old_head)] or
                                [u for u in members if u is not head])
        bloc.heads[year] = previous = (head, deputy)
        if len(members) < 3:
            continue
        ranked = rng.sample(members, len(members))
        lead, rest = ranked[0], ranked[1:]
        proposals = [("co-cp" if rng.random() < 0.4 else "co-tinh", lead)]
        proposals += [("co-tinh", u) for u in rest[: rng.randint(0, 2)]]
        proposals += [("bk-tinh", u) for u in rest[2: 2 + rng.randint(1, 2)]]
        if rng.random() < 0.2 and len(rest) > 4:
            proposals.append(("bk-ttg", rest[4]))
        bloc.proposals[year] = proposals
        bloc.conferred_at[year] = rng.choice(("kk", "tk"))
        bloc.person_awards[year] = rng.sample(members, rng.randint(0, 2))
        if rng.random() < 0.35:
            bloc.emulation_fighter[year] = rng.choice(members)
        if rng.random() < 0.15:
            bloc.medals[year] = rng.choice(members)


def _careers(rng: random.Random, province: Province, units: list[Unit], names: NameBook) -> dict[int, Officials]:
    """Leaders and deputies of every unit, vice-chairs and the emulation board, year by year.

    Careers move: a deputy succeeds the leader, a deputy from another unit is transferred in,
    and a departing leader may become a vice-chair of the People's Committee.
    """
    count = iter(range(10 ** 9))

    def new(party_odds: float = 0.0, btv_odds: float = 0.0) -> Person:
        draw = rng.random()
        party = "btv" if draw < btv_odds else "tuv" if draw < btv_odds + party_odds else None
        return names.new(rng, f"{province.index}:p{next(count)}", party)

    current = {u.key: [new(0.3 if u.register.startswith("Sở") else 0.1), new()] for u in units}
    vice_chairs = [new(0.5, 0.5) for _ in range(VICE_CHAIRS)]
    board = [new(), new()]
    out = {}
    for year in YEARS:
        if year > FIRST_YEAR:
            departing = []
            for unit in units:
                leader, deputy = current[unit.key]
                if rng.random() < 0.12:
                    departing.append(leader)
                    draw = rng.random()
                    if draw < 0.6:
                        leader, deputy = deputy, new()
                    elif draw < 0.8:
                        donor = rng.choice(units)
                        if donor is not unit:
                            leader = current[donor.key][1]
                            current[donor.key][1] = new()
                        else:
                            leader = new(0.2)
                    else:
                        leader = new(0.2)
                elif rng.random() < 0.08:
                    deputy = new()
                current[unit.key] = [leader, deputy]
            # a new People's Committee term every five years turns over most vice-chairs
            turnover = 0.6 if year % 5 == 1 else 0.1
            for i in range(VICE_CHAIRS):
                if rng.random() < turnover:
                    vice_chairs[i] = departing.pop(0) if departing else new(0.5, 0.5)
            if rng.random() < 0.15:
                board = [board[1], new()]
        out[year] = Officials({k: (v[0], v[1]) for k, v in current.items()}, tuple(vice_chairs),
                              (board[0], board[1]))
    return out


# -- which blocs exist for a corpus of N articles ---------------------------------------------

EVENTS_PER_BLOC = len(YEARS) * 2 - 1   # a signing conference every year, a closing one but the last


def plan_blocs(seed: int, articles: int) -> list[tuple[Province, list[BlocKind]]]:
    """Provinces (in corpus order) with their bloc kinds: about one article per conference up to
    every bloc kind in every province, more reports per conference beyond that."""
    lex = lexicon()
    rng = random.Random(f"{seed}:plan")
    provinces = rng.sample(lex.provinces, len(lex.provinces))
    kinds = lex.bloc_kinds
    total = max(2, min(len(provinces) * len(kinds), round(articles / EVENTS_PER_BLOC)))
    per_province: dict[int, list[BlocKind]] = {}
    offsets = {p.index: rng.randrange(len(kinds)) for p in provinces}
    for j in range(total):
        province = provinces[j % len(provinces)]
        kind = kinds[(j // len(provinces) + offsets[province.index]) % len(kinds)]
        per_province.setdefault(province.index, []).append(kind)
    return [(p, per_province[p.index]) for p in provinces if p.index in per_province]

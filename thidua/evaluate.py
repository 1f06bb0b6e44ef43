"""Scoring extracted facts against gold facts, by the matching rules of shared/eval/FORMAT.md.

Fields are compared after normalising text (NFC, lower case, modern tone marks, abbreviations
expanded, punctuation dropped, spaces folded, "số III" = "số 3"); organisation names also drop
a trailing place name (the document's jurisdiction, or a bare "thành phố"/"tỉnh") and a leading
"Ủy ban nhân dân <area word>", so "Cục Hải quan thành phố" matches "Cục Hải quan Hải Phòng";
awards are compared by their class (FORMAT.md: Huân chương Lao động hạng Ba, Cờ thi đua of the
Government or of a province/ministry, Bằng khen of the Prime Minister or of a province …).
A gold field may be a list of acceptable values; None in it accepts a missing value.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from thidua.text import expand_abbreviations, modern_tones, nfc

FIELDS = {
    "event": ("bloc", "date"),
    "membership": ("bloc", "unit"),
    "head": ("bloc", "unit", "year", "role"),
    "award": ("award", "recipient", "year", "status"),
    "position": ("person", "role", "organization"),
}
ORG_FIELDS = {"bloc", "unit", "organization", "recipient"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17,
          "xviii": 18, "xix": 19, "xx": 20}
_ROMAN_RE = re.compile(r"\bsố (" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b")
_AREA_WORDS = {"tỉnh", "thành phố", "quận", "huyện", "thị xã", "phường", "xã"}
_LEADING_AREA = re.compile(r"^(?:ủy ban nhân dân )?(?:quận|huyện|thị xã|thành phố|tỉnh|phường|xã) (?=\S)")
_RANKS = (("hạng nhất", "1"), ("hạng nhì", "2"), ("hạng ba", "3"))


def norm(value) -> str:
    if value is None:
        return ""
    s = expand_abbreviations(modern_tones(nfc(str(value)))).lower().replace("&", " và ")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _ROMAN_RE.sub(lambda m: f"số {_ROMAN[m.group(1)]}", s)


def place_suffixes(jurisdiction: str | None) -> list[str]:
    j = norm(jurisdiction)
    if not j:
        return []
    bare = re.sub(r"^(?:thành phố|tỉnh) ", "", j)
    return sorted({j, bare, "thành phố " + bare, "tỉnh " + bare}, key=len, reverse=True)


def norm_org(value, suffixes: list[str]) -> str:
    s = norm(value)
    changed = True
    while changed:
        changed = False
        for suffix in suffixes + ["thành phố", "tỉnh"]:
            rest = s[:-len(suffix) - 1].strip()
            if s.endswith(" " + suffix) and rest and rest not in _AREA_WORDS:
                s, changed = rest, True
    return _LEADING_AREA.sub("", s)


def award_class(value) -> str:
    """The class an award name belongs to (FORMAT.md: compared by class, not by wording)."""
    s = norm(value)
    rank = next((r for words, r in _RANKS if words in s), "")
    for order in ("huân chương", "huy chương"):
        m = re.search(order + r" ([\w ]+?)(?: hạng| của|$)", s)
        if m:
            return f"{order}:{m.group(1).strip()}{':' + rank if rank else ''}"
    if "cờ thi đua" in s:
        return "cờ thi đua:chính phủ" if "chính phủ" in s else "cờ thi đua:bộ tỉnh"
    if "bằng khen" in s:
        return "bằng khen:thủ tướng" if ("thủ tướng" in s or "chính phủ" in s) else "bằng khen:bộ tỉnh"
    if "chiến sĩ thi đua" in s:
        level = "toàn quốc" if "toàn quốc" in s else "cơ sở" if "cơ sở" in s else "bộ tỉnh"
        return "chiến sĩ thi đua:" + level
    for title in ("giấy khen", "tập thể lao động xuất sắc", "tập thể lao động tiên tiến",
                  "lao động tiên tiến"):
        if title in s:
            return title
    return s


def canonical(fld: str, value, ftype: str, suffixes: list[str]):
    if value is None or value == "":
        return None
    if fld == "year":
        try:
            return int(value)
        except (TypeError, ValueError):
            return str(value)
    if fld in ("date", "role") and ftype in ("event", "head"):
        return str(value).strip().lower()
    if fld == "award":
        return award_class(value)
    if fld in ORG_FIELDS:
        return norm_org(value, suffixes)
    return norm(value)


def matches(gold: dict, pred: dict, suffixes: list[str]) -> bool:
    ftype = gold["type"]
    for fld in FIELDS[ftype]:
        wanted = gold.get(fld)
        if fld == "organization" and wanted is None:
            continue                      # gold accepts any organisation
        options = wanted if isinstance(wanted, list) else [wanted]
        if canonical(fld, pred.get(fld), ftype, suffixes) not in \
                {canonical(fld, v, ftype, suffixes) for v in options}:
            return False
    return True


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in FIELDS})
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    def row(self, ftype: str | None = None) -> dict:
        tp, fp, fn = (self.counts[ftype] if ftype else
                      [sum(c[i] for c in self.counts.values()) for i in range(3)])
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}

    def table(self) -> dict[str, dict]:
        return {**{t: self.row(t) for t in FIELDS}, "overall": self.row()}


def score(gold: list[dict], pred: list[dict], jurisdictions: dict[str, str | None]) -> Score:
    """Match predictions to gold per (doc, type); docs are those of the gold and manifest."""
    gold = [g for g in gold if g.get("type") in FIELDS]
    docs = {g["doc"] for g in gold} | set(jurisdictions)
    by_key: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for g in gold:
        by_key[g["doc"], g["type"]][0].append(g)
    for p in pred:
        if p.get("doc") in docs and p.get("type") in FIELDS:
            by_key[p["doc"], p["type"]][1].append(p)
    result = Score()
    for (doc, ftype), (golds, preds) in sorted(by_key.items()):
        suffixes = place_suffixes(jurisdictions.get(doc))
        free = list(preds)
        for g in golds:
            hit = next((p for p in free if matches(g, p, suffixes)), None)
            if hit is None:
                result.counts[ftype][2] += 1
                result.missed.append(g)
            else:
                result.counts[ftype][0] += 1
                free.remove(hit)
        result.counts[ftype][1] += len(free)
        result.spurious.extend(free)
    return result

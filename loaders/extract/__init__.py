"""Vietnamese emulation-and-commendation news -> facts (shared/eval/FORMAT.md).

Rules and gazetteers, not a statistical tagger: underthesea's CRF runs about 46 sentences a
second for NER and tags organisations as places (see docs/extraction.md), while these rules
read 250-300 articles of 4 KB a second on one core (bench/bench_extract.py) and are
corrected by editing the word lists in loaders/lexicons/. The passes: split sentences; learn the article's acronyms and blocs;
date the event; then read people, bloc heads, member lists and awards sentence by sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from thidua.loaders.extract import awards as award_rules
from thidua.loaders.extract import blocs as bloc_rules
from thidua.loaders.extract import dates, leadership, membership, people as people_rules, recase
from thidua.loaders.extract.sentences import Sentence, split_sentences
from thidua.loaders.extract.lexicon import AnyPhrase, provinces
from thidua.loaders.extract.units import Context, resolve_place, unit_key, units_in
from thidua.text import clean, fold, nfc

__all__ = ["extract"]

_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9]{1,9}$")
_ACRONYM_IN_PARENS = re.compile(r"\(\s*[A-ZĐ][A-ZĐ0-9]{1,9}\s*\)")
_SENTENCE_WORDS = 8      # fewer after a date make a dateline, not a sentence
# Cheap tests that let a sentence skip a recogniser that cannot fire on it.
_BLOC_HINT = AnyPhrase(("khối thi đua", "cụm thi đua"))
_SHORT_BLOC_HINT = AnyPhrase(("Khối ", "Cụm "))       # "Khối Kinh tế - Kỹ thuật", "Cụm II"
# "(Cụm trưởng)", "(đơn vị Khối phó)": a title in parentheses after a listed item
_TITLE_ASIDES = ("(cụm", "(khối", "(trưởng", "(phó", "(đơn vị", "(là")
_AWARD_HINT = AnyPhrase(("cờ", "bằng khen", "giấy khen", "huân chương", "huy chương", "huy hiệu",
                         "chiến sĩ", "kỷ niệm chương", "danh hiệu", "anh hùng", "lao động xuất sắc",
                         "lao động tiên tiến"))


def extract(text: str, doc: str, jurisdiction: str | None = None,
            published: str | None = None) -> list[dict]:
    """All facts one article states, in the interchange format, with evidence and span."""
    reader = _Article(text, doc, clean(jurisdiction) if jurisdiction else None, published)
    return reader.facts()


class _Article:
    def __init__(self, text: str, doc: str, jurisdiction: str | None, published: str | None):
        self.doc, self.published = doc, published
        self.text = nfc(text)
        self.ctx = Context(jurisdiction=jurisdiction, article_text=self.text)          # for article-wide year cues; spans refer to `text`
        self.sentences = split_sentences(text)
        self.out: list[dict] = []
        self.seen: dict[tuple, int] = {}     # fact key -> index in out

    # -- passes ----------------------------------------------------------------------
    def facts(self) -> list[dict]:
        readable = self._readable()
        for s in readable:
            self._start_sentence(s)
            self._learn_acronyms(s)
        self.mentions = {s.index: bloc_rules.find_mentions(s, self.ctx) for s in readable
                         if _BLOC_HINT.search(s.lower) or _SHORT_BLOC_HINT.search(s.nfc)
                         or self._names_bloc_acronym(s)}
        self.blocs = bloc_rules.group_mentions([m for ms in self.mentions.values() for m in ms])
        event = self._event_sentence(readable)
        self.main = self._main_bloc(event)
        if not self.ctx.jurisdiction and self.main is not None:
            self._infer_jurisdiction(self.blocs[self.main].name)
        self._event(event)
        self.last_bloc = self.main
        for s in readable:
            self._start_sentence(s)
            self._read(s)
        for fact in self.out:
            fact.pop("_defaulted", None)
        return _without_bare_titles(self.out)

    def _readable(self) -> list[Sentence]:
        """Sentences the rules read: mixed-case ones, and an all-capital lead paragraph (one
        that opens with a source tag or a date, and the rest of its line) written back in the
        article's case; other all-capital lines are headings and banners."""
        forms, lead_lines, out = None, set(), []
        for s in self.sentences:
            if not s.is_shouting:
                out.append(s)
                continue
            if s.line not in lead_lines and not dates.opens_lead(s.nfc):
                continue
            forms = forms if forms is not None else recase.case_forms(self.sentences)
            r = recase.recased(s, forms)
            if r is not None:
                lead_lines.add(s.line)
                self.sentences[s.index] = r
                out.append(r)
        return out

    def _infer_jurisdiction(self, bloc_name: str) -> None:
        """Without a manifest row, a bloc named "… tỉnh Đồng Nai" places the article there; a
        bloc "… thành phố" (of the city) is placed in the city the article names most."""
        m = re.search(r"(?:thành phố|tỉnh) (.+)$", bloc_name)
        full = provinces().get(fold(m.group(1))) if m else None
        if full is None and re.search(r"(?:thành phố|tỉnh)$", bloc_name):
            full = _most_named_province(self.text, bloc_name.rsplit(" ", 1)[-1])
        if full:
            self.ctx.jurisdiction = full
            for b in self.blocs:
                b.name = resolve_place(b.name, 0, self.ctx)

    def _learn_acronyms(self, s: Sentence) -> None:
        if "(" not in s.nfc or not _ACRONYM_IN_PARENS.search(s.nfc):
            return      # most parentheses hold dates or asides: no need to split the words
        toks = s.tokens
        for u in units_in(toks, self.ctx, s.work):
            if u.end + 2 < len(toks) and toks[u.end].text == "(" and toks[u.end + 2].text == ")" \
                    and _ACRONYM.match(toks[u.end + 1].text):
                self.ctx.acronyms.setdefault(toks[u.end + 1].text, u.name)

    def _start_sentence(self, s: Sentence) -> None:
        """Start a sentence: a fresh unit cache; its provinces are found if a bare "tỉnh" needs them."""
        self.ctx.unit_cache = {}
        self.ctx.sentence_tokens = lambda: s.tokens
        self.ctx.places = None

    def _event_sentence(self, readable: list[Sentence]) -> tuple[Sentence, tuple | None] | None:
        """The sentence that reports the event, with its date (None when the article gives none)."""
        for s, nxt in zip(readable, readable[1:] + [None]):
            d = dates.parse_date_at_head(s.nfc)
            if d and dates.is_event_sentence(s.nfc):
                return s, d
            # "Ngày 15/10/2012, tại trường X, dưới sự chứng kiến của …" / "Khối thi đua số 4 … đã
            # ký kết …": the date opens the sentence before the bloc's own (a sentence, not the
            # portal's dateline "Thứ tư, 21/12/2022 - 15:30").
            if d and nxt is not None and len(s.nfc.split()) >= _SENTENCE_WORDS \
                    and self.mentions.get(nxt.index) and dates.is_event_sentence(nxt.nfc) \
                    and not dates.parse_date_at_head(nxt.nfc):
                return nxt, d
        for s in readable:       # "Khối … tổ chức hội nghị vào ngày 20/12": a bloc's own sentence
            d = dates.parse_date_inside(s.nfc) if self.mentions.get(s.index) else None
            if d and dates.is_event_sentence(s.nfc):
                return s, d
        for s in readable:       # "Mới đây, Cụm thi đua số 6 … đã tổ chức Hội nghị tổng kết": undated
            if self.mentions.get(s.index) and dates.reports_event(s.nfc):
                return s, None
        return None

    def _main_bloc(self, event) -> int | None:
        if event and self.mentions.get(event[0].index):
            return self.mentions[event[0].index][0].group
        counts = Counter(m.group for ms in self.mentions.values() for m in ms)
        return counts.most_common(1)[0][0] if counts else None

    def _event(self, event) -> None:
        s, d = event if event else (None, None)
        day, month, year = d or (None, None, None)
        self.years = dates.article_years(s.work if s else None, self.text,
                                         year, month, self.published)
        if not s:
            return
        when = dates.iso(day, month, dates.resolve_year(day, month, year, self.years, self.published)) \
            if d else None
        groups = list(dict.fromkeys(m.group for m in self.mentions.get(s.index, []))) or \
            ([self.main] if self.main is not None else [])
        for g in groups:
            self._emit(s, "event", bloc=self.blocs[g].name, date=when)
        self._sequel_events(s)

    def _sequel_events(self, first: Sentence) -> None:
        """"Tiếp đó, chiều thứ Ba (14/3), Khối … ký kết giao ước": a second event, dated on its own."""
        for s in self.sentences[first.index + 1:]:
            d = dates.parse_sequel_date(s.nfc) if not s.is_shouting else None
            if not d or not dates.is_event_sentence(s.nfc):
                continue
            day, month, year = d
            when = dates.iso(day, month, dates.resolve_year(day, month, year, self.years, self.published))
            groups = list(dict.fromkeys(m.group for m in self.mentions.get(s.index, []))) or \
                ([self.main] if self.main is not None else [])
            for g in groups:
                self._emit(s, "event", bloc=self.blocs[g].name, date=when)

    # -- one sentence ----------------------------------------------------------------
    def _read(self, s: Sentence) -> None:
        lower = s.lower
        found = people_rules.people_in(s.tokens, self.ctx, s.work) if _people_hint().search(s.nfc) else []
        for p in found:
            for pos in p.positions:
                self._emit(s, "position", person=clean(p.name), role=pos.role,
                           organization=pos.organization)
        spans = tuple((m.start, m.end) for m in self.mentions.get(s.index, ()))
        heads = leadership.heads_in(s.tokens, s.work, self.ctx, found, self.years, spans) \
            if _cue_hint().search(lower) or self._names_bloc_acronym(s) else []
        for h in heads:
            bloc = self._bloc_at(s, h.token)
            if bloc and h.year:
                self._emit(s, "head", bloc=bloc, unit=h.unit, year=h.year, role=h.role)
                self._emit(s, "membership", bloc=bloc, unit=h.unit)
        if heads and len(found) > 1:
            bloc = self._bloc_at(s, heads[0].token)
            orgs = [pos.organization for p in found for pos in p.positions if pos.organization]
            for name in membership.peers_of_heads([h.unit for h in heads], orgs) if bloc else ():
                self._emit(s, "membership", bloc=bloc, unit=name)
        members = membership.member_lists(self.sentences, s, self.ctx) \
            if membership.may_list(lower) and membership.TRIGGER.search(lower) else []
        if not members and self.main is not None and not _AWARD_HINT.search(lower):
            members = [(0, name) for name in membership.counted_members(s)]
        for k, name in members:
            bloc = self._bloc_at(s, k)
            if bloc:
                self._emit(s, "membership", bloc=bloc, unit=name)
        if "dẫn đầu" in lower and s.index in self.mentions:
            starts = [m.start for m in self.mentions[s.index]]
            for k, name in membership.leaders_of_blocs(s, self.ctx, starts):
                self._emit(s, "membership", bloc=self._bloc_at(s, k + 1), unit=name)
        if members and any(a in lower for a in _TITLE_ASIDES):
            listed = [name for _, name in members]
            for h in leadership.heads_in_asides(s.work, listed, self.years):
                bloc = self._bloc_at(s, members[0][0])
                if bloc and h.year:
                    self._emit(s, "head", bloc=bloc, unit=h.unit, year=h.year, role=h.role)
        if _AWARD_HINT.search(lower):
            listed = (lambda: membership.bullet_units(self.sentences, s, self.ctx)) \
                if s.work.rstrip().endswith(":") else None
            awards = award_rules.awards_in(s.tokens, s.work, self.ctx, found, self.years, listed)
        else:
            awards = []
        for a in awards:
            for name, kind in a.recipients:
                self._emit(s, "award", award=a.name, recipient=name, recipient_kind=kind,
                           year=a.year, status=a.status, year_stated=a.year_stated)
        ms = self.mentions.get(s.index)
        if ms:
            self.last_bloc = ms[-1].group

    def _names_bloc_acronym(self, s: Sentence) -> bool:
        return any(a in s.nfc for a in self.ctx.bloc_acronyms)

    def _bloc_at(self, s: Sentence, k: int) -> str | None:
        ms = [m for m in self.mentions.get(s.index, [])
              if m.start < k or (m.start <= k + 2 and all(t.is_word for t in s.tokens[k:m.start]))]
        group = ms[-1].group if ms else self.last_bloc
        return self.blocs[group].name if group is not None else None

    # -- output ------------------------------------------------------------------------
    def _emit(self, s: Sentence, ftype: str, year_stated: bool = True, **fields) -> None:
        key = self._key(ftype, fields)
        fact = {"doc": self.doc, "type": ftype, **fields}
        if ftype == "award":
            fact["award_type"] = _award_type(fields["award"])
            if not year_stated:
                fact["_defaulted"] = True
        fact["evidence"] = s.evidence
        fact["span"] = [s.start, s.end]
        if key not in self.seen:
            self.seen[key] = len(self.out)
            self.out.append(fact)
        elif ftype == "award" and year_stated and self.out[self.seen[key]].get("_defaulted"):
            # A caption repeats an award without its year; the sentence that states it wins.
            self.out[self.seen[key]] = fact

    def _key(self, ftype: str, f: dict) -> tuple:
        j = self.ctx.jurisdiction
        if ftype == "event":
            return ftype, fold(f["bloc"]), f["date"]
        if ftype == "membership":
            return ftype, fold(f["bloc"]), unit_key(f["unit"], j)
        if ftype == "head":
            return ftype, fold(f["bloc"]), unit_key(f["unit"], j), f["year"], f["role"]
        if ftype == "position":
            return ftype, fold(f["person"]), fold(f["role"]), unit_key(f["organization"] or "", j)
        return ftype, _award_type(f["award"]) or fold(f["award"]), unit_key(f["recipient"], j), f["status"]


def _without_bare_titles(facts: list[dict]) -> list[dict]:
    """"Vụ trưởng Nghiêm Đức Hiệp" says no organisation; when the article names the same
    person's title with its organisation elsewhere, that position is the fact."""
    placed = {(fold(f["person"]), fold(f["role"])) for f in facts
              if f["type"] == "position" and f["organization"]}
    return [f for f in facts if not (f["type"] == "position" and not f["organization"]
                                      and (fold(f["person"]), fold(f["role"])) in placed)]


_PLACE_NAMED = re.compile(r"(?:thành phố|tỉnh|TP\.?)\s*((?:[A-ZĐÀ-Ỹ][\w'’]*[ -]?){1,4})", re.IGNORECASE)


def _most_named_province(text: str, level: str) -> str | None:
    """The province or city (of `level`: "phố" or "tỉnh") named most often in `text`, if it is
    named at least twice and more often than any other."""
    counts: Counter = Counter()
    table = provinces()
    for m in _PLACE_NAMED.finditer(text):
        words = m.group(1).replace("-", " - ").split()
        for n in range(min(4, len(words)), 0, -1):
            full = table.get(fold(" ".join(words[:n])))
            if full:
                counts[full] += 1
                break
    wanted = [(full, c) for full, c in counts.most_common()
              if full.startswith("thành phố" if level == "phố" else "tỉnh")]
    if wanted and wanted[0][1] >= 2 and (len(wanted) == 1 or wanted[0][1] > wanted[1][1]):
        return wanted[0][0]
    return None


@lru_cache(maxsize=1)
def _people_hint() -> re.Pattern:
    """A title of the roles lexicon, or an honorific that starts a word and is followed by a
    capitalised word."""
    from thidua.loaders.extract.lexicon import honorifics, literal_pattern, roles
    titles = {" ".join(r[0]) for r in roles()}
    titles |= {t[0].lower() + t[1:] for t in titles}
    # One trie for both, so the pattern opens with literals and the engine skips to possible
    # first letters. An honorific's conditions follow it: a capital after the spaces (tested
    # first, it fails most often), and no letter right before it: a lookbehind over the
    # honorific's own length (about 40% faster than "(?<!\w)(?:…)\s+[A-ZĐÀ-Ỹ]|…").
    honorific_tails = {h: rf"(?=\s+[A-ZĐÀ-Ỹ])(?<!\w[\s\S]{{{len(h)}}})" for h in honorifics()
                       if h not in titles}     # a title needs nothing more
    return re.compile(literal_pattern(titles | set(honorific_tails), honorific_tails))


@lru_cache(maxsize=1)
def _cue_hint() -> AnyPhrase:
    """Any bloc-role title of the lexicon (bare "Trưởng" needs a bloc acronym), or the flag."""
    from thidua.loaders.extract.lexicon import leadership_cues
    return AnyPhrase({" ".join(w) for w, _ in leadership_cues() if len(w) > 1 and w[-1] != "trưởng"}
                     | {"luân lưu", "khối trưởng", "cụm trưởng", "phó trưởng khối"})


@lru_cache(maxsize=4096)
def _award_type(name: str) -> str | None:
    try:
        from thidua.ontology.award_types import match_award_type
    except ImportError:
        return None
    return match_award_type(name)

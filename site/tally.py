"""Counts over every fact, made in one pass: the home page's figures and latest events, and the
most mentioned entities that fill the SPARQL page's examples.

Facts are on disk (spill.py); a pass reads 1.6 million of them at 100k articles (~8 s), so the
pages that need counts share one.
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from thidua.site.records import Fact

LATEST_EVENTS = 12
# (fact kind, argument) whose values are counted: what examples.py picks its examples from.
COUNTED_ARGUMENTS = (("leadership", "organization"), ("award", "recipient"), ("position", "member"),
                     ("award", "awardType"))


@dataclass
class FactTally:
    kinds: Counter = field(default_factory=Counter)                     # fact kind -> facts
    years: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))   # year -> kind -> facts
    values: dict[tuple[str, str], Counter] = field(
        default_factory=lambda: {pair: Counter() for pair in COUNTED_ARGUMENTS})
    latest_events: list[Fact] = field(default_factory=list)            # newest first

    @classmethod
    def of(cls, facts) -> "FactTally":
        tally = cls()
        events: list[tuple[tuple[str, str], Fact]] = []                  # a min-heap of the newest
        for fact in facts:
            tally.kinds[fact.kind] += 1
            if fact.year is not None:
                tally.years[fact.year][fact.kind] += 1
            for pair, counter in tally.values.items():
                if pair[0] == fact.kind:
                    counter.update(fact.get(pair[1]))
            if fact.kind == "event":
                entry = ((fact.one("date") or fact.attested or "", fact.iri), fact)
                (heapq.heappush if len(events) < LATEST_EVENTS else heapq.heappushpop)(events, entry)
        tally.latest_events = [f for _, f in sorted(events, key=lambda e: e[0], reverse=True)]
        return tally

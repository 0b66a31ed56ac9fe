"""Find organised campaigns: the same letter sent many times, lightly edited or added to.

Method: each response of at least `MIN_WORDS` words becomes a set of word 5-shingles (lower
case, punctuation dropped, hashed to 64 bits). `datasketch` MinHash signatures (64
permutations) go into a `MinHashLSH` index at Jaccard threshold 0.2, whose bands give candidate
pairs cheaply; each candidate is then compared with the first member of its band bucket by
shingle containment |A ∩ B| / min(|A|, |B|) and joined (union-find) when it is at least 0.5; a response left alone is then compared with
the shortest member of each group of three or more. So a
template quoted inside a longer letter, reordered paragraphs and small edits all join. A group
of `min_size` or more is a campaign. Its template is the sentences found (normalised, or with a
rapidfuzz ratio of 85 or more) in at least half of its members, in the commonest order among
the members; each member's personal additions are its sentences not in the template.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5
MIN_WORDS = 25
NUM_PERM = 64
LSH_THRESHOLD = 0.2
CONTAINMENT = 0.5
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
WORD = re.compile(r"[a-z0-9']+")


@dataclass
class Member:
    id: str
    additions: list[str]


@dataclass
class Campaign:
    id: int
    template: str
    size: int
    members: list[Member] = field(default_factory=list)


def _shingles(text: str) -> np.ndarray:
    words = WORD.findall(text.casefold())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}
    return np.array(sorted(zlib.crc32(g.encode()) for g in grams), dtype=np.uint64)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _containment(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / min(len(a), len(b))


def group_responses(texts: Sequence[str]) -> list[list[int]]:
    """Groups of near-identical or template texts (indexes), largest first; singletons omitted."""
    from datasketch import MinHash, MinHashLSH

    shingles = [
        _shingles(t) if len(t.split()) >= MIN_WORDS else np.array([], np.uint64) for t in texts
    ]
    eligible = [i for i, s in enumerate(shingles) if len(s)]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    batch = (
        MinHash.bulk(
            [[int(v).to_bytes(4, "little") for v in shingles[i]] for i in eligible],
            num_perm=NUM_PERM,
        )
        if eligible
        else []
    )
    with lsh.insertion_session() as session:
        for i, mh in zip(eligible, batch, strict=True):
            session.insert(i, mh, check_duplication=False)
    union = _Union(len(texts))
    for table in lsh.hashtables:
        for key in table:
            bucket = list(table.get(key))
            if len(bucket) < 2:
                continue
            # Compare with the shortest member: most likely the bare template.
            first = min(bucket, key=lambda i: len(shingles[i]))
            for other in bucket:
                if other == first or union.find(other) == union.find(first):
                    continue
                if _containment(shingles[first], shingles[other]) >= CONTAINMENT:
                    union.union(first, other)
    groups: dict[int, list[int]] = {}
    for i in eligible:
        groups.setdefault(union.find(i), []).append(i)
    # Second pass: a response the bands missed (a template quoted in a long letter shares few
    # bands with it) joins a group of three or more whose shortest member it contains.
    reps = [min(g, key=lambda i: len(shingles[i])) for g in groups.values() if len(g) >= 3]
    for _root, members in list(groups.items()):
        if len(members) > 1:
            continue
        i = members[0]
        for rep in reps:
            if _containment(shingles[rep], shingles[i]) >= CONTAINMENT:
                union.union(rep, i)
                break
    groups = {}
    for i in eligible:
        groups.setdefault(union.find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


def _norm(sentence: str) -> str:
    return " ".join(WORD.findall(sentence.casefold()))


def _sentences(text: str) -> list[str]:
    return [" ".join(s.split()) for s in SENTENCE.findall(text) if len(_norm(s).split()) >= 3]


def _template(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    """The template sentences and each member's sentences that are not in it."""
    from rapidfuzz import fuzz, process

    per_member = [_sentences(t) for t in texts]
    counts: Counter[str] = Counter()
    for sentences in per_member:
        counts.update({_norm(s) for s in sentences})
    need = max(2, (len(texts) + 1) // 2)
    core = [s for s, n in counts.items() if n >= need]
    # Sentences edited in some members still count when close to a core sentence.
    if core:
        fuzzy: Counter[str] = Counter()
        for sentences in per_member:
            hit = set()
            for s in sentences:
                best = process.extractOne(_norm(s), core, scorer=fuzz.ratio, score_cutoff=85)
                if best:
                    hit.add(best[0])
            fuzzy.update(hit)
        core = [s for s in core if fuzzy[s] >= need]
    core_set = set(core)
    # Order: the commonest order among the members holding every core sentence (reordered
    # copies are the minority), else the member holding most.
    orders = Counter(
        tuple(_norm(s) for s in sentences if _norm(s) in core_set) for sentences in per_member
    )
    full = [o for o in orders if len(set(o)) == len(core_set)]
    best = max(full or orders, key=lambda o: (len(set(o)) if not full else 0, orders[o]))
    first_text = {}
    for sentences in per_member:
        for sentence in sentences:
            first_text.setdefault(_norm(sentence), sentence)
    seen: set[str] = set()
    template = []
    for n in best:
        if n not in seen:
            seen.add(n)
            template.append(first_text[n])
    additions = []
    for sentences in per_member:
        extra = []
        for s in sentences:
            n = _norm(s)
            if n in core_set:
                continue
            if core and process.extractOne(n, core, scorer=fuzz.ratio, score_cutoff=85):
                continue
            extra.append(s)
        additions.append(extra)
    return template, additions


def find_campaigns(
    ids: Sequence[str], texts: Sequence[str], *, min_size: int = 3
) -> list[Campaign]:
    """Campaigns of at least `min_size` responses, largest first, ids numbered from 1."""
    campaigns: list[Campaign] = []
    for group in group_responses(texts):
        if len(group) < min_size:
            continue
        sample = group if len(group) <= 200 else group[:200]
        template, _ = _template([texts[i] for i in sample])
        members = []
        _, additions = _template([texts[i] for i in group]) if len(group) <= 200 else (None, None)
        for k, i in enumerate(group):
            extra = additions[k] if additions is not None else _additions(texts[i], template)
            members.append(Member(ids[i], extra))
        campaigns.append(Campaign(len(campaigns) + 1, " ".join(template), len(group), members))
    return campaigns


def _additions(text: str, template: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process

    core = [_norm(s) for s in template]
    return [
        s
        for s in _sentences(text)
        if not process.extractOne(_norm(s), core, scorer=fuzz.ratio, score_cutoff=85)
    ]


@dataclass(frozen=True)
class ThemeCounts:
    theme: str
    per_respondent: int
    campaigns_once: int
    share_per_respondent: float
    share_campaigns_once: float


def theme_counts(
    ids: Sequence[str],
    texts: Sequence[str],
    campaigns: list[Campaign],
    theme_of: Callable[[str], str | None],
) -> list[ThemeCounts]:
    """Theme counts two ways: every respondent counted, and each campaign counted once (by its
    template's theme) beside the responses that are in no campaign. Members' personal additions
    are shown with the campaign, not counted again."""
    member_of = {m.id: c for c in campaigns for m in c.members}
    per: Counter[str] = Counter()
    once: Counter[str] = Counter()
    n_per = n_once = 0
    for rid, text in zip(ids, texts, strict=True):
        theme = theme_of(text)
        n_per += 1
        if theme:
            per[theme] += 1
        if rid not in member_of:
            n_once += 1
            if theme:
                once[theme] += 1
    for campaign in campaigns:
        n_once += 1
        theme = theme_of(campaign.template)
        if theme:
            once[theme] += 1
    themes = sorted(set(per) | set(once), key=lambda t: (-per[t], t))
    return [
        ThemeCounts(
            t, per[t], once[t], 100 * per[t] / max(n_per, 1), 100 * once[t] / max(n_once, 1)
        )
        for t in themes
    ]

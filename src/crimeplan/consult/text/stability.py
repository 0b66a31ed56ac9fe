"""Is the discovered theme set stable? Bootstrap it and match the themes found.

`discovered_codes` is what `analyse` does without an analyst: discover clusters, train the
coder on their members and code every segment. `bootstrap_stability` repeats that on seeded
resamples (90% of segments drawn without replacement, so discovery sees no duplicates) and codes the
*full* set with each resample's coder, then matches each full-run theme to a resample theme by
the Jaccard index of their coded segment sets (Hungarian matching; an unmatched theme scores 0)
and averages: 1.0 means the same themes holding the same segments every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from crimeplan.consult.text.coder import Labels, ThemeCoder
from crimeplan.consult.text.discover import Candidate, discover, matched_jaccard, matched_scores
from crimeplan.consult.text.embed import Matrix, one_blas_thread


def discovered_codes(
    texts: Sequence[str], vectors: Matrix, respondents: Sequence[int], seed: int = 14
) -> tuple[list[Candidate], Labels]:
    """Candidates and the 0/1 codes of every segment (columns in candidate order)."""
    found = discover(texts, vectors, respondents, seed)
    return found, code_all(found, texts, vectors, texts, vectors, seed)


def code_all(
    found: Sequence[Candidate], texts: Sequence[str], vectors: Matrix,
    targets: Sequence[str], target_vectors: Matrix, seed: int,
) -> Labels:  # fmt: skip
    """Train on the candidates' members (rows of `texts`) and code `targets`."""
    if not found:
        return np.zeros((len(targets), 0), dtype=np.int8)
    rows = sorted({i for c in found for i in c.members})
    y = np.zeros((len(rows), len(found)), dtype=np.int8)
    where = {r: n for n, r in enumerate(rows)}
    for j, c in enumerate(found):
        for i in c.members:
            y[where[i], j] = 1
    coder = ThemeCoder(seed=seed).fit(
        [texts[i] for i in rows], vectors[rows], y, [c.key for c in found]
    )
    return coder.assign(coder.predict_proba(targets, target_vectors))


@dataclass(frozen=True)
class Stability:
    themes: int
    resamples: list[float]  # matched Jaccard of each resample
    theme_counts: list[int]
    # per resample, each full-run theme's Jaccard with its match (0: unmatched, split or merged)
    per_theme: list[list[float]] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return float(np.mean(self.resamples)) if self.resamples else 1.0


def _sets(codes: Labels) -> list[set[int]]:
    return [set(np.flatnonzero(codes[:, j]).tolist()) for j in range(codes.shape[1])]


def bootstrap_stability(
    texts: Sequence[str], vectors: Matrix, respondents: Sequence[int], seed: int = 14,
    resamples: int = 5, share: float = 0.9,
) -> Stability:  # fmt: skip
    with one_blas_thread():
        _, full = discovered_codes(texts, vectors, respondents, seed)
        reference = _sets(full)
        scores, counts, per_theme = [], [], []
        rng = np.random.default_rng(seed)
        for _ in range(resamples):
            keep: npt.NDArray[np.intp] = np.sort(
                rng.choice(len(texts), size=int(len(texts) * share), replace=False)
            )
            sub_texts = [texts[i] for i in keep]
            found = discover(sub_texts, vectors[keep], [respondents[i] for i in keep], seed)
            codes = code_all(found, sub_texts, vectors[keep], texts, vectors, seed)
            counts.append(len(found))
            found_sets = _sets(codes)
            per_theme.append(matched_scores(reference, found_sets))
            scores.append(matched_jaccard(reference, found_sets))
    return Stability(len(reference), scores, counts, per_theme)


@dataclass(frozen=True)
class AgainstTruth:
    unassigned: float  # share of segments with no theme
    unassigned_on_topic: float  # the same among segments with at least one known theme
    precision: float  # assigned (segment, theme) pairs whose theme's best known match is right
    covered: int  # known themes that are some discovered theme's best match


def against_truth(codes: Labels, truth: Sequence[set[str]]) -> AgainstTruth:
    """Score discovered themes' codes against known labels: each discovered theme is matched to
    the known theme most of its coded segments carry (several may match the same one)."""
    none = codes.sum(axis=1) == 0
    on_topic = np.array([bool(t) for t in truth])
    right = total = 0
    best = set()
    for members in _sets(codes):
        counts: dict[str, int] = {}
        for i in members:
            for theme in truth[i]:
                counts[theme] = counts.get(theme, 0) + 1
        if counts:
            top = min(counts, key=lambda t: (-counts[t], t))
            best.add(top)
            right += counts[top]
        total += len(members)
    return AgainstTruth(
        float(none.mean()) if len(none) else 0.0,
        float((none & on_topic).sum() / max(1, on_topic.sum())),
        right / total if total else 0.0,
        len(best),
    )

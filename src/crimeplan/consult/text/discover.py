"""Find candidate themes among segment embeddings: PCA, HDBSCAN, c-TF-IDF labels.

Embeddings are reduced to 16 dimensions by PCA (seeded, full SVD: deterministic) and clustered
with scikit-learn's HDBSCAN (minimum cluster size max(8, n/60), leaf selection, which finds
the finer themes that an analyst names rather than a few broad blobs). Each cluster's key terms
are its top class-based TF-IDF words and word pairs (Grootendorst 2022, BERTopic: term frequency
in the cluster's joined text x log(1 + mean words per cluster / the term's total frequency));
its label is its top three terms; its representatives are the members nearest its centroid,
one per respondent. Outliers are not dropped: the coder trained on the clusters' members codes
every segment afterwards (`crimeplan.consult.text.analysis`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crimeplan.consult.text.embed import Matrix

# scikit-learn's English stop words and the filler of consultation answers.
EXTRA_STOP = "really lot lots im ive dont cant need needs needed way make made people honestly frankly view opinion please think thing"
STOP = ENGLISH_STOP_WORDS | frozenset(EXTRA_STOP.split())
WORD = re.compile(r"[a-z][a-z']+")


@dataclass(frozen=True)
class Candidate:
    key: str
    label: str
    key_terms: list[str]
    members: list[int]  # row numbers into the segments given
    representatives: list[int]


def _reduce(vectors: Matrix, seed: int) -> npt.NDArray[np.float64]:
    from sklearn.decomposition import PCA

    dims = min(16, vectors.shape[0] - 1, vectors.shape[1])
    return np.asarray(
        PCA(n_components=dims, svd_solver="full", random_state=seed).fit_transform(vectors)
    )


def cluster(vectors: Matrix, seed: int = 14) -> npt.NDArray[np.intp]:
    """A cluster number per row, -1 for outliers."""
    from sklearn.cluster import HDBSCAN

    if len(vectors) < 16:
        return np.full(len(vectors), -1)
    reduced = _reduce(vectors, seed)
    size = max(8, len(vectors) // 60)
    model = HDBSCAN(
        min_cluster_size=size, min_samples=5, cluster_selection_method="leaf", copy=True
    )
    return np.asarray(model.fit_predict(reduced), dtype=np.intp)


def _terms(text: str) -> list[str]:
    words = [w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 2]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def class_tfidf(texts_by_cluster: Sequence[Sequence[str]], top: int = 8) -> list[list[str]]:
    """The top terms of each cluster by c-TF-IDF; ties broken alphabetically."""
    counts: list[dict[str, int]] = []
    for texts in texts_by_cluster:
        c: dict[str, int] = {}
        for text in texts:
            for term in _terms(text):
                c[term] = c.get(term, 0) + 1
        counts.append(c)
    total: dict[str, int] = {}
    for c in counts:
        for term, n in c.items():
            total[term] = total.get(term, 0) + n
    average = sum(sum(c.values()) for c in counts) / max(1, len(counts))
    out = []
    for c in counts:
        size = max(1, sum(c.values()))
        scored = [
            (-(n / size) * np.log(1 + average / total[term]), term)
            for term, n in c.items()
            if n >= 2
        ]
        out.append([term for _, term in sorted(scored)[:top]])
    return out


def _slug(terms: Sequence[str], used: set[str]) -> str:
    base = "_".join(re.sub(r"[^a-z0-9]+", "_", t) for t in terms[:2]) or "theme"
    key, n = base[:60], 2
    while key in used:
        key, n = f"{base[:56]}_{n}", n + 1
    used.add(key)
    return key


def discover(
    texts: Sequence[str],
    vectors: Matrix,
    respondents: Sequence[int],
    seed: int = 14,
    labels: npt.NDArray[np.intp] | None = None,
) -> list[Candidate]:
    """Candidate themes, largest first (ties by first member), each with its members."""
    labels = cluster(vectors, seed) if labels is None else labels
    groups = sorted(
        (sorted(np.flatnonzero(labels == c).tolist()) for c in set(labels.tolist()) if c >= 0),
        key=lambda rows: (-len(rows), rows[0]),
    )
    terms = class_tfidf([[texts[i] for i in rows] for rows in groups])
    used: set[str] = set()
    out = []
    for rows, key_terms in zip(groups, terms, strict=True):
        centroid = vectors[rows].mean(axis=0)
        order = sorted(rows, key=lambda i: (-float(vectors[i] @ centroid), i))
        reps, seen = [], set()
        for i in order:
            if respondents[i] not in seen:
                reps.append(i)
                seen.add(respondents[i])
            if len(reps) == 3:
                break
        label = ", ".join(key_terms[:3]).capitalize() or "Unlabelled"
        out.append(Candidate(_slug(key_terms, used), label, key_terms, rows, reps))
    return out


def matched_jaccard(a: Sequence[set[int]], b: Sequence[set[int]]) -> float:
    """Mean Jaccard of `a`'s sets matched one-to-one to `b`'s (Hungarian), unmatched = 0."""
    from scipy.optimize import linear_sum_assignment

    if not a:
        return 1.0 if not b else 0.0
    scores = np.zeros((len(a), max(1, len(b))))
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            union = len(x | y)
            scores[i, j] = len(x & y) / union if union else 0.0
    rows, cols = linear_sum_assignment(-scores)
    return float(scores[rows, cols].sum() / len(a))

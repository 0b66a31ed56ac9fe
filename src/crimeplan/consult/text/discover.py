"""Find candidate themes among segment embeddings: consensus Louvain on a kNN graph, c-TF-IDF labels.

Each segment is joined to its 15 nearest neighbours by cosine (an undirected graph weighted by
the cosine). Louvain community detection (networkx, seeded) is run 20 times with different
seeds; an edge is kept where its two ends share a community in at least half of the runs,
weighted by that share, and Louvain is run again on that consensus graph (Lancichinetti and
Fortunato 2012, consensus clustering) until its runs agree, three rounds at most. Communities
under max(8, n/30) segments are left as outliers. Above 3,000 segments only the 3,000 whose
vectors have the smallest seeded hash are clustered (bottom-k sampling; among more, a segment's
neighbours are copies of its own phrase). On MiniLM vectors of survey answers this finds
theme-sized groups where HDBSCAN found one phrase and its variants per cluster, and the
consensus makes the set far steadier under resampling than one run (docs/themes.md). Each
cluster's key terms are its top class-based TF-IDF words and word pairs (Grootendorst 2022,
BERTopic: term frequency in the cluster's joined text x log(1 + mean words per cluster / the
term's total frequency)); its label is its top three terms; its representatives are the members
nearest its centroid, one per respondent. Outliers are not dropped: the coder trained on the
clusters' members codes every segment afterwards (`crimeplan.consult.text.analysis`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crimeplan.consult.text.embed import Matrix

SAMPLE = 3000  # segments clustered at most (bottom-k by hash; the graph is phrase-local beyond)
KNN = 15  # neighbours per segment in the graph
RUNS = 20  # Louvain runs (seeds) whose agreement forms the consensus graph
ROUNDS = 3  # consensus rounds at most (until the runs agree)
AGREE = 0.5  # an edge is kept when its ends share a community in at least this share of runs

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


def _knn_edges(
    vectors: Matrix, k: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The k-nearest-neighbour graph by cosine, undirected: (u, v, cosine) with u < v, sorted."""
    from sklearn.neighbors import NearestNeighbors

    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    k = min(k + 1, len(unit))
    distance, index = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(unit).kneighbors(unit)
    u = np.repeat(np.arange(len(unit)), k)
    v = index.ravel()
    w = np.maximum(1e-6, 1 - distance.ravel() ** 2 / 2)
    a, b, w = np.minimum(u, v), np.maximum(u, v), w[u != v]
    a, b = a[u != v], b[u != v]
    _, first = np.unique(a * len(unit) + b, return_index=True)  # sorted by (u, v)
    return a[first], b[first], w[first]


def _louvain(
    n: int, u: npt.NDArray[np.intp], v: npt.NDArray[np.intp], w: npt.NDArray[np.float64],
    seeds: Sequence[int],
) -> npt.NDArray[np.intp]:  # fmt: skip
    """One row of community numbers per seed (networkx's Louvain, seeded: deterministic)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist(), strict=True))
    out = np.zeros((len(seeds), n), dtype=np.intp)
    for r, seed in enumerate(seeds):
        communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        for c, nodes in enumerate(sorted(sorted(c) for c in communities)):
            out[r, nodes] = c
    return out


def cluster(vectors: Matrix, seed: int = 14) -> npt.NDArray[np.intp]:
    """A cluster number per row, -1 for outliers: consensus Louvain on the kNN graph of at most
    SAMPLE rows (the coder codes the rest). The sample is the SAMPLE rows whose vectors have the
    smallest seeded hash (bottom-k sampling), so a resample of the rows keeps most of the same
    sample, where a random draw of positions would not."""
    if len(vectors) < 16:
        return np.full(len(vectors), -1)
    if len(vectors) > SAMPLE:
        rows = np.ascontiguousarray(vectors, dtype=np.float32)
        key = seed.to_bytes(8, "little", signed=True)
        digests = [hashlib.blake2b(r.tobytes(), digest_size=8, key=key).digest() for r in rows]
        picked = np.sort(sorted(range(len(rows)), key=lambda i: (digests[i], i))[:SAMPLE])
        labels = np.full(len(vectors), -1, dtype=np.intp)
        labels[picked] = cluster(vectors[picked], seed)
        return labels
    n = len(vectors)
    u, v, w = _knn_edges(np.asarray(vectors, dtype=np.float64), KNN)
    runs = _louvain(n, u, v, w, [seed + r for r in range(RUNS)])
    for round_ in range(1, ROUNDS + 1):
        agree = (runs[:, u] == runs[:, v]).mean(axis=0)
        kept = agree >= AGREE
        seeds = [seed + 1000 * round_ + r for r in range(max(4, RUNS // 4))]
        runs = _louvain(n, u[kept], v[kept], agree[kept], seeds)
        if (runs == runs[0]).all():
            break
    labels = runs[0]
    sizes = np.bincount(labels)
    big = [c for c in np.argsort(-sizes, kind="stable").tolist() if sizes[c] >= max(8, n // 30)]
    number = {c: j for j, c in enumerate(big)}
    return np.array([number.get(c, -1) for c in labels.tolist()], dtype=np.intp)


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


def matched_scores(a: Sequence[set[int]], b: Sequence[set[int]]) -> list[float]:
    """The Jaccard of each of `a`'s sets with the one of `b`'s it is matched to one-to-one
    (Hungarian, maximising the total); 0 for a set left unmatched (`b` has fewer)."""
    from scipy.optimize import linear_sum_assignment

    if not a or not b:
        return [0.0] * len(a)
    scores = np.zeros((len(a), len(b)))
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            union = len(x | y)
            scores[i, j] = len(x & y) / union if union else 0.0
    rows, cols = linear_sum_assignment(-scores)
    out = [0.0] * len(a)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        out[i] = float(scores[i, j])
    return out


def matched_jaccard(a: Sequence[set[int]], b: Sequence[set[int]]) -> float:
    """Mean Jaccard of `a`'s sets matched one-to-one to `b`'s (Hungarian), unmatched = 0."""
    if not a:
        return 1.0 if not b else 0.0
    return float(sum(matched_scores(a, b)) / len(a))

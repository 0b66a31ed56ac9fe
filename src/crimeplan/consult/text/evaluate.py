"""Measure the theme coder on any labelled CSV: a text column and one 0/1 column per theme.

The rows are split 80/20 by a seeded permutation; the coder is trained on the 80 (or on a
sample of it holding K positives per theme, for the learning curve) and scored on the 20:
micro-, macro- and samples-F1 with 95% bootstrap intervals (1,000 resamples of the test rows,
percentile method), per-theme precision and recall, and the share of segments left with no
theme. Samples-F1 counts a segment with no true and no predicted theme as 1 (it was right).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from crimeplan.consult.text.coder import BaselineCoder, Labels, ThemeCoder
from crimeplan.consult.text.embed import Embedder, Matrix, one_blas_thread
from crimeplan.errors import CrimeplanError, IngestError

CURVE = (4, 8, 16, 32, None)  # None: every training row
BOOTSTRAP = 1000


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    y: Labels
    themes: list[str]


def load_labelled(path: Path, text: str, themes: Sequence[str]) -> Labelled:
    """Read the CSV; every theme cell must be 0 or 1 (blank counts as 0)."""
    if not path.is_file():
        raise IngestError(path, "no such file")
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for column in (text, *themes):
            if column not in header:
                raise IngestError(
                    path, f"no column '{column}'", hint="Columns: " + ", ".join(header)
                )
        texts: list[str] = []
        rows: list[list[int]] = []
        for line, row in enumerate(reader, start=2):
            values = []
            for theme in themes:
                cell = (row[theme] or "0").strip()
                if cell not in ("0", "1", "0.0", "1.0"):
                    raise IngestError(path, f"'{cell}' is not 0 or 1", line=line, field=theme)
                values.append(int(float(cell)))
            texts.append(row[text] or "")
            rows.append(values)
    if len(texts) < 10:
        raise IngestError(path, f"only {len(texts)} rows: too few to split 80/20")
    return Labelled(texts, np.asarray(rows, dtype=np.int8), list(themes))


def split(n: int, seed: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    order = np.random.default_rng(seed).permutation(n)
    cut = round(n * 0.8)
    return np.sort(order[:cut]), np.sort(order[cut:])


def per_theme_sample(y: Labels, k: int | None, seed: int) -> npt.NDArray[np.intp]:
    """Rows of `y` holding (up to) `k` positives per theme, plus uncoded rows in proportion:
    the sample an analyst codes until each theme has k examples."""
    if k is None:
        return np.arange(len(y))
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    for j in range(y.shape[1]):
        have = sum(1 for i in chosen if y[i, j])
        pool = [i for i in np.flatnonzero(y[:, j]) if i not in chosen]
        take = max(0, min(k - have, len(pool)))
        chosen.update(int(i) for i in rng.choice(pool, size=take, replace=False))
    empty = np.flatnonzero(y.sum(axis=1) == 0)
    share = len(chosen) / max(1, len(y) - len(empty))
    extra = min(len(empty), round(len(empty) * share))
    chosen.update(int(i) for i in rng.choice(empty, size=extra, replace=False))
    return np.asarray(sorted(chosen), dtype=np.intp)


@dataclass(frozen=True)
class Interval:
    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.low:.3f}-{self.high:.3f})"


@dataclass(frozen=True)
class Scores:
    micro: Interval
    macro: Interval
    samples: Interval
    precision: list[float]
    recall: list[float]
    support: list[int]
    unassigned: float  # share of test segments given no theme
    unassigned_on_topic: float  # ... among segments that have at least one true theme
    precision_assigned: float  # micro precision over the themes that were assigned


def _ratio(num: npt.NDArray[np.float64], den: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = np.divide(
        num, den, out=np.zeros_like(num, dtype=float), where=den > 0
    )
    return out


def score(truth: Labels, predicted: Labels, seed: int = 0) -> Scores:
    """Figures plus bootstrap intervals (row weights from a multinomial: one matrix product)."""
    t, p = truth.astype(bool), predicted.astype(bool)
    tp, fp, fn = (t & p).astype(float), (~t & p).astype(float), (t & ~p).astype(float)
    n = len(t)
    weights = np.vstack(
        [np.ones(n), np.random.default_rng(seed).multinomial(n, [1 / n] * n, size=BOOTSTRAP)]
    )
    tpw, fpw, fnw = weights @ tp, weights @ fp, weights @ fn  # resamples x themes
    micro = _ratio(2 * tpw.sum(1), 2 * tpw.sum(1) + fpw.sum(1) + fnw.sum(1))
    macro = _ratio(2 * tpw, 2 * tpw + fpw + fnw).mean(axis=1)
    row_den = 2 * tp.sum(1) + fp.sum(1) + fn.sum(1)
    row_f1 = np.where(row_den > 0, _ratio(2 * tp.sum(1), row_den), 1.0)
    samples = weights @ row_f1 / n

    def interval(values: npt.NDArray[np.float64]) -> Interval:
        low, high = np.percentile(values[1:], [2.5, 97.5])
        return Interval(float(values[0]), float(low), float(high))

    on_topic: npt.NDArray[np.bool_] = np.asarray(t.any(axis=1))
    unassigned: npt.NDArray[np.bool_] = np.asarray(~p.any(axis=1))
    return Scores(
        micro=interval(micro),
        macro=interval(macro),
        samples=interval(samples),
        precision=[float(x) for x in _ratio(tp.sum(0), tp.sum(0) + fp.sum(0))],
        recall=[float(x) for x in _ratio(tp.sum(0), tp.sum(0) + fn.sum(0))],
        support=[int(x) for x in t.sum(0)],
        unassigned=float(unassigned.mean()),
        unassigned_on_topic=float(unassigned[on_topic].mean()) if on_topic.any() else 0.0,
        precision_assigned=float(tp.sum() / max(1.0, tp.sum() + fp.sum())),
    )


Factory = Callable[[], ThemeCoder | BaselineCoder]


@dataclass
class Evaluation:
    themes: list[str]
    train_rows: int
    test_rows: int
    k: int | None
    coder: Scores
    baseline: Scores
    separate_test: bool = False
    curve: list[tuple[str, int, float, float, float]] = field(default_factory=list)
    # (K label, training rows, coder micro-F1, baseline micro-F1, coder macro-F1)


def _run(
    factory: Factory, data: Labelled, vectors: Matrix | None, train: npt.NDArray[np.intp]
) -> Callable[[npt.NDArray[np.intp]], Labels]:
    texts = [data.texts[i] for i in train]
    coder = factory().fit(
        texts, None if vectors is None else vectors[train], data.y[train], data.themes
    )

    def predict(rows: npt.NDArray[np.intp]) -> Labels:
        sub = [data.texts[i] for i in rows]
        return coder.assign(coder.predict_proba(sub, None if vectors is None else vectors[rows]))

    return predict


def evaluate(
    data: Labelled,
    embedder: Embedder | None,
    *,
    k: int | None = None,
    seed: int = 14,
    curve: Sequence[int | None] = CURVE,
    test_data: Labelled | None = None,
) -> Evaluation:
    """Train and score on `data`'s seeded 80/20 split; or, given `test_data`, train on the
    whole of `data` and score on `test_data` (for example wording never seen in training)."""
    held_out = None
    if test_data is not None:
        if test_data.themes != data.themes:
            raise CrimeplanError("the test file must have the same theme columns")
        held_out = len(data.texts)
        data = Labelled(data.texts + test_data.texts, np.vstack([data.y, test_data.y]), data.themes)
    vectors = embedder.embed(data.texts) if embedder is not None else None
    with one_blas_thread():
        return _evaluate(data, vectors, k, seed, curve, held_out)


def _evaluate(
    data: Labelled,
    vectors: Matrix | None,
    k: int | None,
    seed: int,
    curve: Sequence[int | None],
    held_out: int | None = None,
) -> Evaluation:
    if held_out is None:
        train, test = split(len(data.texts), seed)
    else:
        train, test = np.arange(held_out), np.arange(held_out, len(data.texts))
    truth = data.y[test]

    def both(rows_k: int | None) -> tuple[int, Scores, Scores]:
        rows = train[per_theme_sample(data.y[train], rows_k, seed)]
        ours = score(truth, _run(ThemeCoder, data, vectors, rows)(test), seed)
        base = score(truth, _run(BaselineCoder, data, vectors, rows)(test), seed)
        return len(rows), ours, base

    n_rows, ours, base = both(k)
    result = Evaluation(data.themes, n_rows, len(test), k, ours, base, held_out is not None)
    for step in curve:
        if step == k:
            rows_n, o, b = n_rows, ours, base
        else:
            rows_n, o, b = both(step)
        label = "all" if step is None else str(step)
        result.curve.append((label, rows_n, o.micro.value, b.micro.value, o.macro.value))
    return result


def format_evaluation(e: Evaluation, embedder_name: str) -> str:
    k = "all labelled rows" if e.k is None else f"{e.k} per theme"
    how = "the test file" if e.separate_test else "seeded 80/20 split"
    lines = [
        f"Trained on {e.train_rows} rows ({k}), tested on {e.test_rows} held-out rows "
        f"({how}); features: {embedder_name} + TF-IDF words and characters",
        "",
        f"{'':24}{'coder':>26}{'baseline TF-IDF+LinearSVC':>30}",
    ]
    for name in ("micro", "macro", "samples"):
        lines.append(
            f"{name + '-F1':24}{getattr(e.coder, name)!s:>26}{getattr(e.baseline, name)!s:>30}"
        )
    lines.append(f"{'unassigned':24}{e.coder.unassigned:>26.1%}{e.baseline.unassigned:>30.1%}")
    lines.append(
        f"{'unassigned (on-topic)':24}{e.coder.unassigned_on_topic:>26.1%}"
        f"{e.baseline.unassigned_on_topic:>30.1%}"
    )
    lines.append(
        f"{'precision on assigned':24}{e.coder.precision_assigned:>26.3f}"
        f"{e.baseline.precision_assigned:>30.3f}"
    )
    lines += ["", f"{'theme':24}{'support':>8}{'precision':>10}{'recall':>8}"]
    for j, theme in enumerate(e.themes):
        lines.append(
            f"{theme:24}{e.coder.support[j]:>8}{e.coder.precision[j]:>10.2f}"
            f"{e.coder.recall[j]:>8.2f}"
        )
    lines += ["", "Learning curve (micro-F1 on the same test rows)"]
    lines.append(f"{'K per theme':12}{'rows':>6}{'coder':>8}{'baseline':>10}{'coder macro':>13}")
    for label, rows, ours, base, macro in e.curve:
        lines.append(f"{label:12}{rows:>6}{ours:>8.3f}{base:>10.3f}{macro:>13.3f}")
    return "\n".join(lines) + "\n"

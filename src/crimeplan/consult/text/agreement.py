"""Agreement between the machine's codes and an analyst's blind codes of a random sample.

Per theme: precision and recall of the machine taking the analyst as truth, F1, and Cohen's
kappa (Cohen 1960) for the two coders' present/absent decisions over the sampled segments:
kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement
expected from each coder's own rate; 1 when both coders never (or always) code the theme.
Checked against sklearn's `cohen_kappa_score` in the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    n: int
    machine: int  # segments the machine coded to the theme
    analyst: int
    both: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float


def kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    n = len(a)
    if n == 0:
        return 1.0
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(
    themes: Sequence[str], machine: Sequence[set[str]], analyst: Sequence[set[str]]
) -> list[ThemeAgreement]:
    """One row per theme; `machine[i]` and `analyst[i]` are the i-th sampled segment's themes."""
    out = []
    for theme in themes:
        m = [theme in s for s in machine]
        a = [theme in s for s in analyst]
        both = sum(x and y for x, y in zip(m, a, strict=True))
        precision = both / sum(m) if sum(m) else None
        recall = both / sum(a) if sum(a) else None
        coded = sum(m) + sum(a)
        f1 = 2 * both / coded if coded else None  # None: neither coder used the theme
        out.append(
            ThemeAgreement(theme, len(m), sum(m), sum(a), both, precision, recall, f1, kappa(m, a))
        )
    return out


def format_agreement(rows: Sequence[ThemeAgreement]) -> str:
    def f(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    n = rows[0].n if rows else 0
    lines = [
        f"Agreement with an analyst's blind coding of {n} sampled segments "
        "(machine against analyst)",
        f"{'theme':32}{'machine':>8}{'analyst':>8}{'both':>6}{'prec':>6}{'rec':>6}{'F1':>6}"
        f"{'kappa':>7}",
    ]
    for r in rows:
        lines.append(
            f"{r.theme[:31]:32}{r.machine:>8}{r.analyst:>8}{r.both:>6}{f(r.precision):>6}"
            f"{f(r.recall):>6}{f(r.f1):>6}{r.kappa:>7.2f}"
        )
    return "\n".join(lines) + "\n"

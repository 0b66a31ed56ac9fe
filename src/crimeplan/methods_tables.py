"""The tables of docs/methods/statistics.md, generated from the constants the code uses.

`scripts/gen_docs.py` fills each `<!-- BEGIN GENERATED: statistics-NAME -->` block from
`TABLES[NAME]`; tests/test_docs.py and tests/measures/test_methods_note.py fail when the note
and the code disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from crimeplan.measures import (
    change,
    disparity,
    noise,
    signals,
    small_numbers,
    spc,
    suppression,
    survey,
)
from crimeplan.synthetic.survey import CALIBRATION


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def spc_constants() -> str:
    return _table(
        ["constant", "value", "use"],
        [
            [
                "`LIMIT_SIGMA_FACTOR`",
                spc.LIMIT_SIGMA_FACTOR,
                "process limits: mean ± 2.66 × mR-bar",
            ],
            ["`NEAR_LIMIT_FACTOR`", f"{spc.NEAR_LIMIT_FACTOR:.4f}", "near-limit band (≈2σ)"],
            [
                "`MR_SCREEN_FACTOR`",
                spc.MR_SCREEN_FACTOR,
                "moving ranges ≥ 3.267 × mR-bar screened out",
            ],
            [
                "`DEFAULT_RUN_LENGTH`",
                spc.DEFAULT_RUN_LENGTH,
                "points in a trend or a shift (Excel option: 6)",
            ],
            [
                "`MIN_POINTS_FOR_FIXED_LIMITS`",
                spc.MIN_POINTS_FOR_FIXED_LIMITS,
                "fewer points: trial limits",
            ],
        ],
    )


def spc_rules() -> str:
    return _table(
        ["precedence", "code", "rule"],
        [
            [i + 1, f"`{r.value}`", text]
            for i, (r, text) in enumerate(spc.RULE_DESCRIPTIONS.items())
        ],
    )


def spc_icons() -> str:
    rows: list[list[object]] = [[f"`spc_{t.value}`", s] for t, s in spc.VARIATION_SENTENCES.items()]
    rows += [[f"`{a.value}` (assurance)", s] for a, s in spc.ASSURANCE_SENTENCES.items()]
    return _table(["icon", "sentence"], rows)


def change_signals() -> str:
    return _table(
        ["code", "sentence"],
        [[f"`{c.value}`", s] for c, s in change.SIGNAL_SENTENCES.items()],
    )


def change_constants() -> str:
    return _table(
        ["constant", "value", "use"],
        [
            ["`ALPHA`", change.ALPHA, "a change is significant when p < 0.05 (95% intervals)"],
            [
                "`HISTORY_MONTHS`",
                noise.HISTORY_MONTHS,
                "months before the tested period the noise model uses (exactly these)",
            ],
            ["`RESIDUAL_DF`", noise.RESIDUAL_DF, "degrees of freedom of the t reference"],
            [
                "`LIKELIHOOD_DROP`",
                noise.LIKELIHOOD_DROP,
                "variance used: the largest within this of the best restricted log-likelihood",
            ],
            ["`SPC_MONTHS`", signals.SPC_MONTHS, "months on the SPC chart beside a signal"],
            [
                "`MIN_BASE`",
                small_numbers.MIN_BASE,
                "no percentage change on a smaller base, no rank on a smaller count",
            ],
            ["`ROLLING_MONTHS`", survey.ROLLING_MONTHS, "months pooled in a survey rolling year"],
        ],
    )


def gap_ratings() -> str:
    aim = disparity.AIM_POINTS
    definitions = {
        disparity.GapRating.WITHIN: f"the 95% interval lies inside −{aim:g} to +{aim:g}",
        disparity.GapRating.OUTSIDE: f"the 95% interval lies above +{aim:g} or below −{aim:g}",
        disparity.GapRating.NOT_DISTINGUISHABLE: f"the 95% interval straddles −{aim:g} or +{aim:g}",
        disparity.GapRating.BASE_TOO_SMALL: "either base below the suppression threshold",
    }
    return _table(
        ["code", "when", "sentence"],
        [
            [f"`{r.value}`", definitions[r], s.format(aim=aim)]
            for r, s in disparity.RATING_SENTENCES.items()
        ],
    )


def suppression_rule() -> str:
    return _table(
        ["constant", "value"],
        [
            ["`DEFAULT_MIN_BASE`", suppression.DEFAULT_MIN_BASE],
            ["`SUPPRESSION_MARKER`", f"`{suppression.SUPPRESSION_MARKER}`"],
        ],
    )


def calibration() -> str:
    rows = []
    for q in CALIBRATION:
        for group, target in q.targets.items():
            label = "every other group" if group == "*" else group
            rows.append([f"`{q.name}`", f"{q.by} = {label}", f"{100 * target:g}%", q.source])
    return _table(["question", "group", "target", "source"], rows)


TABLES: dict[str, Callable[[], str]] = {
    "spc-constants": spc_constants,
    "spc-rules": spc_rules,
    "spc-icons": spc_icons,
    "change-constants": change_constants,
    "change-signals": change_signals,
    "gap-ratings": gap_ratings,
    "suppression": suppression_rule,
    "calibration": calibration,
}
MARKER = re.compile(
    r"(<!-- BEGIN GENERATED: statistics-([\w-]+) -->\n)(.*?)(<!-- END GENERATED: statistics-\2 -->)",
    re.S,
)


def render(text: str) -> str:
    """`text` with every statistics table regenerated from the code."""
    return MARKER.sub(lambda m: m.group(1) + TABLES[m.group(2)]() + "\n" + m.group(4), text)

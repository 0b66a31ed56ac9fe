"""Two versions of a plan side by side: what was added, removed or reworded between them.

Priorities, outcomes and measures are matched by id, so a changed title is a rewording and a
new or missing id an addition or removal. Commitments have no id: within an outcome, an
unchanged text matches itself; of the rest, a pair at least 60% alike (rapidfuzz's `ratio`,
the Indel similarity) is a rewording, the others are added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz.fuzz import ratio

from crimeplan.errors import CrimeplanError
from crimeplan.plan.model import Plan

Kind = Literal["added", "removed", "reworded"]
Level = Literal["priority", "outcome", "commitment", "measure"]
REWORD_SIMILARITY = 60.0


@dataclass(frozen=True)
class PlanChange:
    kind: Kind
    level: Level
    key: str  # the id, or 'outcome-id#n' (the commitment's place in the version that has it)
    before: str | None
    after: str | None

    def sentence(self) -> str:
        what = f"{self.level} {self.key}"
        if self.kind == "added":
            return f"added {what}: {self.after}"
        if self.kind == "removed":
            return f"removed {what}: {self.before}"
        return f"reworded {what}: {self.before!r} -> {self.after!r}"


def _by_id(level: Level, before: dict[str, str], after: dict[str, str]) -> list[PlanChange]:
    changes = []
    for key, text in before.items():
        if key not in after:
            changes.append(PlanChange("removed", level, key, text, None))
        elif after[key] != text:
            changes.append(PlanChange("reworded", level, key, text, after[key]))
    changes += [PlanChange("added", level, k, None, t) for k, t in after.items() if k not in before]
    return changes


def _commitments(plan: Plan) -> dict[str, list[str]]:
    return {o.id: [c.text for c in o.commitments] for p in plan.priorities for o in p.outcomes}


def _commitment_changes(outcome: str, old: list[str], new: list[str]) -> list[PlanChange]:
    gone = [(i, t) for i, t in enumerate(old, 1) if t not in new]
    came = [(i, t) for i, t in enumerate(new, 1) if t not in old]
    changes = []
    for i, text in gone:
        best = max(came, key=lambda c: ratio(text, c[1]), default=None)
        if best is not None and ratio(text, best[1]) >= REWORD_SIMILARITY:
            came.remove(best)
            changes.append(
                PlanChange("reworded", "commitment", f"{outcome}#{best[0]}", text, best[1])
            )
        else:
            changes.append(PlanChange("removed", "commitment", f"{outcome}#{i}", text, None))
    changes += [PlanChange("added", "commitment", f"{outcome}#{i}", None, t) for i, t in came]
    return changes


def diff_plans(draft: Plan, final: Plan) -> list[PlanChange]:
    """Every added, removed and reworded priority, outcome, commitment and measure."""
    changes = _by_id(
        "priority",
        {p.id: p.title for p in draft.priorities},
        {p.id: p.title for p in final.priorities},
    )
    changes += _by_id(
        "outcome",
        {o.id: o.title for p in draft.priorities for o in p.outcomes},
        {o.id: o.title for p in final.priorities for o in p.outcomes},
    )
    old, new = _commitments(draft), _commitments(final)
    for outcome in [*old, *(k for k in new if k not in old)]:
        changes += _commitment_changes(outcome, old.get(outcome, []), new.get(outcome, []))
    changes += _by_id(
        "measure",
        {m.id: m.title for m in draft.measures()},
        {m.id: m.title for m in final.measures()},
    )
    return changes


def commitment_text(plan: Plan, ref: str) -> str:
    """The words of commitment `outcome-id#n` (the n-th, from 1) of the plan."""
    outcome_id, _, n = ref.partition("#")
    for p in plan.priorities:
        for o in p.outcomes:
            if o.id == outcome_id and n.isdigit() and 1 <= int(n) <= len(o.commitments):
                return o.commitments[int(n) - 1].text
    raise CrimeplanError(
        f"plan {plan.id} has no commitment {ref!r}",
        hint="Write it as outcome-id#n, n counting the outcome's commitments from 1",
    )

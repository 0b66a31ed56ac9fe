"""Plan files: load, validate, and the Plan/Priority/Outcome/Measure/Commitment model."""

from crimeplan.plan.load import load_plan
from crimeplan.plan.model import Commitment, Measure, Outcome, Plan, Priority, Target, Tolerance

__all__ = [
    "Commitment",
    "Measure",
    "Outcome",
    "Plan",
    "Priority",
    "Target",
    "Tolerance",
    "load_plan",
]

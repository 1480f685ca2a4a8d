"""One owner per output file, known before anything is written. See output_plan.py."""

from .output_plan import (
    PlannedWriter,
    PlanningWriter,
    make_plan,
    register,
    reserve,
)

__all__ = [
    "PlannedWriter",
    "PlanningWriter",
    "make_plan",
    "register",
    "reserve",
]

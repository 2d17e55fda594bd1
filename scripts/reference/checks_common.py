"""What every `lessonNN_checks.py` shares: the shape of one graded check and the writer of a check
file (Tests/ExerciseChecks/lessonNN.public.json and, in the teacher edition, lessonNN.hidden.json).

The scripts run from the repository root (`python3 scripts/reference/lessonNN_checks.py`), so this
module, beside them, is importable as `checks_common`.
"""
import json

OUT = "Tests/ExerciseChecks"


def check(id, exercise, function, points, inputs, expected, success, failure, tolerance=1e-9):
    """One check: the exercise and function it calls, its inputs, the expected output, its points,
    a tolerance, and the messages shown on success and on failure."""
    return dict(id=id, exercise=exercise, function=function, points=points, inputs=inputs,
                expected=expected, tolerance=tolerance, success=success, failure=failure)


def write(lesson, kind, checks):
    """Writes lessonNN.<kind>.json (kind: "public" or "hidden") with one space of indentation."""
    with open(f"{OUT}/lesson{lesson:02d}.{kind}.json", "w") as file:
        json.dump(dict(lesson=lesson, checks=checks), file, indent=1)
        file.write("\n")

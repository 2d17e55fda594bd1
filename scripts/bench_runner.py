#!/usr/bin/env python3
"""The runner's overhead, measured side by side with Jupyter (a benchmark, not a test).

Prints, as medians over several runs:
  - a lesson with one empty cell, cold (compile + run, --force) and warm (cached);
  - a lesson of 10 trivial cells, cold, next to the same 10 cells through Jupyter's nbclient
    (when `pip install nbclient nbformat ipykernel` is there);
  - re-rendering the whole course when nothing changed (`lessons build` in the repository).
Targets (issue 2): cold under 1.5 s, warm under 0.1 s per lesson, unchanged course under 2 s.
Usage: python3 scripts/bench_runner.py [REPEATS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = os.path.join(ROOT, ".build", "release", "lessons")
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def timed(command, cwd):
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_time(command, cwd, repeats=REPEATS):
    return statistics.median(timed(command, cwd) for _ in range(repeats))


def lesson_command(folder, name, force):
    command = [LESSONS, "run", "--lessons", "Lessons", "--output", "Output", "--cache", "cache", f"Lessons/{name}"]
    return command + (["--force"] if force else [])


def jupyter_ten_cells(folder):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        return None
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(f"x{i} = {i}\nprint(x{i})") for i in range(10)]

    def run_once():
        started = time.perf_counter()
        NotebookClient(nbformat.from_dict(notebook), timeout=60, kernel_name="python3").execute()
        return time.perf_counter() - started

    run_once()  # the first start of a kernel pays for imports once
    return statistics.median(run_once() for _ in range(REPEATS))


def main():
    folder = tempfile.mkdtemp(prefix="bench-runner-")
    os.makedirs(os.path.join(folder, "Lessons"))
    with open(os.path.join(folder, "Lessons", "empty.md"), "w") as f:
        f.write("# Empty\n\n```swift\n```\n")
    with open(os.path.join(folder, "Lessons", "ten.md"), "w") as f:
        f.write("# Ten cells\n\n" + "".join(f"```swift\nlet x{i} = {i}\nprint(x{i})\n```\n\n" for i in range(10)))
    os.symlink(os.path.join(ROOT, "Package.swift"), os.path.join(folder, "Package.swift"))
    os.symlink(os.path.join(ROOT, ".build"), os.path.join(folder, ".build"))
    os.symlink(os.path.join(ROOT, "Sources"), os.path.join(folder, "Sources"))

    rows = []
    cold = median_time(lesson_command(folder, "empty.md", True), folder)
    rows.append(("one empty cell, cold (compile + run)", cold, 1.5))
    subprocess.run(lesson_command(folder, "empty.md", False), cwd=folder, check=True, capture_output=True)
    warm = median_time(lesson_command(folder, "empty.md", False), folder)
    rows.append(("one empty cell, warm (cached)", warm, 0.1))
    ten = median_time(lesson_command(folder, "ten.md", True), folder)
    rows.append(("10 trivial cells, cold", ten, 1.5))
    subprocess.run([LESSONS, "build"], cwd=ROOT, check=False, capture_output=True)
    course = median_time([LESSONS, "build"], ROOT)
    lesson_count = len([n for n in os.listdir(os.path.join(ROOT, "Lessons")) if n.endswith(".md")])
    rows.append((f"unchanged course ({lesson_count} lessons), re-render", course, 2.0))
    jupyter = jupyter_ten_cells(folder)

    print(f"Runner overhead, median of {REPEATS} runs on {os.cpu_count()} cores")
    print(f"{'workload':45} {'seconds':>8} {'target':>8}")
    for name, seconds, target in rows:
        verdict = "ok" if seconds < target else "MISSED"
        print(f"{name:45} {seconds:8.3f} {target:8.2f}  {verdict}")
    if jupyter is None:
        print("Jupyter (nbclient) not installed: pip install nbclient nbformat ipykernel to compare")
    else:
        print(f"{'10 trivial cells through Jupyter nbclient':45} {jupyter:8.3f}")
        print(f"ratio lessons/Jupyter for 10 cells: {ten / jupyter:.2f} (below 1 is faster)")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

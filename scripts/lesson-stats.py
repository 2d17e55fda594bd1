#!/usr/bin/env python3
"""Code share and longest visible cell of each lesson (the aim: code at most half of a lesson's
characters, no visible cell over 30 lines).

Usage: scripts/lesson-stats.py [Lessons/*.md]   (exit 1 if a lesson misses the aim)

A cell is a ```swift fence. Its visible lines are those the page shows: none for `hide-code`,
otherwise every line not ending in `// hide`. Code characters count every swift fence's body
(hidden lines too: they are code a reader of the Markdown must read past).
"""
import glob
import re
import sys

FENCE = re.compile(r"^(\s{0,3})(`{3,}|~{3,})\s*(\S*)(.*)$")


def cells(text):
    """Yields (info, options, body lines) for every fenced block at the top level."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        marker, language, options = match.group(2), match.group(3), match.group(4)
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(marker):
            body.append(lines[i])
            i += 1
        i += 1
        yield language, options.split(), body


def stats(path):
    text = open(path, encoding="utf-8").read()
    code = 0
    longest = 0
    for language, options, body in cells(text):
        if language != "swift":
            continue
        code += sum(len(line) + 1 for line in body)
        if "hide-code" in options:
            continue
        visible = [line for line in body if not line.rstrip().endswith("// hide")]
        longest = max(longest, len(visible))
    return code / max(len(text), 1), longest


def main(paths):
    # Pages numbered 90 and up (the figure gallery) are developer pages, outside the course.
    paths = paths or sorted(p for p in glob.glob("Lessons/*.md") if not re.match(r"Lessons/9\d", p))
    failed = False
    print(f"{'lesson':40} {'code share':>10} {'longest visible cell':>21}")
    for path in paths:
        share, longest = stats(path)
        flag = "" if share <= 0.5 and longest <= 30 else "  over the aim"
        failed |= bool(flag)
        print(f"{path:40} {share:>10.0%} {longest:>16} lines{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

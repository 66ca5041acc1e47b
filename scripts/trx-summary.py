#!/usr/bin/env python3
"""Reads the xunit run's .trx files (written by scripts/test.sh): the slowest test classes, or with --counts one line
"N passed, N failed, N skipped". Class times are each class's tests summed; classes run in parallel, so together
they exceed the wall time."""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def seconds(text):
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(argv):
    counts = "--counts" in argv
    roots = [ET.parse(path).getroot() for path in argv if not path.startswith("--")]
    results = [r for root in roots for r in root.iter(NS + "UnitTestResult")]
    outcomes = [r.get("outcome") for r in results]
    if counts:
        passed = outcomes.count("Passed")
        failed = outcomes.count("Failed")
        print(f"{passed} passed, {failed} failed, {len(outcomes) - passed - failed} skipped")
        return 0
    classes = {t.get("id"): t.find(NS + "TestMethod").get("className") for root in roots for t in root.iter(NS + "UnitTest")}
    by_class = {}
    for r in results:
        name = classes.get(r.get("testId"), "?")
        spent = seconds(r.get("duration", "0:0:0"))
        total, n = by_class.get(name, (0.0, 0))
        by_class[name] = (total + spent, n + 1)
    print("== slowest test classes (their tests' time summed; classes run in parallel)")
    for name, (total, n) in sorted(by_class.items(), key=lambda kv: -kv[1][0])[:12]:
        print(f"{total:8.1f} s  {re.sub(r'^Retort[.]Tests[.]', '', name)} ({n} tests)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

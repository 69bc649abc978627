"""Shared checks of the JUnit XML that fleetsim compare / regress write."""
import xml.etree.ElementTree as ET


def junit_problems(path):
    """Parses a JUnit file with xml.etree; returns (root, list of problems)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return None, [f"{path}: {e}"]
    problems = []
    if root.tag != "testsuites":
        problems.append(f"root element is <{root.tag}>, not <testsuites>")
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(len(c.findall("failure")) for c in cases),
            "skipped": sum(len(c.findall("skipped")) for c in cases),
        }
        for key, n in counts.items():
            total[key] += n
            if suite.get(key) != str(n):
                problems.append(f"suite {suite.get('name')}: {key}={suite.get(key)}, counted {n}")
        for c in cases:
            if not c.get("name") or not c.get("classname"):
                problems.append(f"suite {suite.get('name')}: testcase without name/classname")
            for f in c.findall("failure"):
                if not f.get("message"):
                    problems.append(f"testcase {c.get('name')}: failure without message")
    for key, n in total.items():
        if root.get(key) != str(n):
            problems.append(f"testsuites {key}={root.get(key)}, counted {n}")
    return root, problems


def failing_names(root):
    return [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]

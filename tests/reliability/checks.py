"""Checks: the 'ok   WHAT' / 'FAIL WHAT' lines and the closing 'N passed, M failed' line
shared by the tests/reliability drivers (scripts/count_checks.py counts that line)."""
import sys

passed = failed = 0


def check(ok, what):
    """Records one check and prints its line; returns ok."""
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what)
    passed += bool(ok)
    failed += not ok
    return ok


def finish():
    """Prints the totals and exits 1 if any check failed."""
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

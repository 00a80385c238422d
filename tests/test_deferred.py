"""gc100 defers the IRI grammar's import to the first IRI check; the check is unchanged."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

CHECKS = ["http://example.com/ü", "http://exa mple.com/", "not an iri", "urn:isbn:0451450523"]
PROBE = """
import json, sys
if sys.argv[1] == "deferred":
    from grader.deferred import defer_iri_grammar
    defer_iri_grammar()
import nbformat, jsonschema
before = "rfc3987_syntax.syntax_helpers" in sys.modules
checker = jsonschema.FormatChecker()
results = [checker.conforms(value, "iri") for value in json.loads(sys.argv[2])]
print(json.dumps({"before": before, "results": results,
                  "after": "rfc3987_syntax.syntax_helpers" in sys.modules}))
"""


def probe(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, mode, json.dumps(CHECKS)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(importlib.util.find_spec("rfc3987_syntax") is None,
                    reason="rfc3987_syntax is not installed: nothing to defer")
def test_the_iri_grammar_is_built_at_the_first_check_with_the_same_results() -> None:
    deferred, eager = probe("deferred"), probe("eager")
    assert eager["before"] and not deferred["before"]
    assert deferred["after"]
    assert deferred["results"] == eager["results"]
    assert True in eager["results"] and False in eager["results"]


def test_deferring_a_module_that_is_missing_or_imported_changes_nothing() -> None:
    from grader.deferred import defer_import

    defer_import("gc100_no_such_module", "f")
    assert "gc100_no_such_module" not in sys.modules
    json_module = sys.modules["json"]
    defer_import("json", "dumps")
    assert sys.modules["json"] is json_module

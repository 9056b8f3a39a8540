"""Every conversion of user text to a number or a date is bounded and linear: megabyte-sized
values answer within a time budget, with a value or None, never an exception."""

from __future__ import annotations

import time

import pytest

from ehelse_map.analyses.scenarios.cadence import parse_cadence
from ehelse_map.fuzzydate import FuzzyDate, FuzzyDateError, parse_as_of
from ehelse_map.load.check_set import validate_data
from ehelse_map.load.yaml11 import misread, to_int, to_number, yaml11_number, yaml11_reading
from ehelse_map.model.assume import parse_override

MEGABYTE = 1_000_000
HUGE = {
    "digits": "1" * MEGABYTE,
    "base 60": "1:" * (MEGABYTE // 2) + "1",
    "float": "1." + "1" * MEGABYTE,
    "exponent": "1e" + "9" * MEGABYTE,
    "hex": "0x" + "f" * MEGABYTE,
    "octal": "0" + "7" * MEGABYTE,
    "underscores": "1_" * (MEGABYTE // 2) + "1",
    "date-like": "2024-" * (MEGABYTE // 5),
}
BUDGET = 2.0  # seconds per call on a slow, shared machine; linear code takes milliseconds


def within_budget(function, text):
    start = time.perf_counter()
    try:
        result = function(text)
    except (ValueError, FuzzyDateError) as error:  # refusing is fine; a traceback is not
        result = error
    assert time.perf_counter() - start < BUDGET, function.__name__
    return result


@pytest.mark.parametrize("name", sorted(HUGE))
@pytest.mark.parametrize("converter", [to_int, to_number, yaml11_number, yaml11_reading,
                                       misread, FuzzyDate.parse, parse_as_of, parse_cadence,
                                       parse_override])
def test_megabyte_values_are_bounded(converter, name) -> None:
    result = within_budget(converter, HUGE[name])
    if converter in (to_int, to_number, yaml11_number):
        assert result is None


@pytest.mark.parametrize("name", sorted(HUGE))
def test_a_megabyte_number_in_any_field_is_a_located_problem(name) -> None:
    """As a population, a cadence and a note, through the whole validator."""
    value = HUGE[name]
    text = ("schema_version: 2\nsources: [{id: s, title: S}]\nactors:\n"
            f"  - {{id: a, name: A, kind: municipality, level: local, country: 'NO',"
            f" population: {value}, population_as_of: '2024', note: {value}, sources: [s]}}\n")
    start = time.perf_counter()
    validated = validate_data([("actors.yaml", text.encode())])
    assert time.perf_counter() - start < 10
    found = {(p.path.rsplit(".", 1)[-1], p.code) for p in validated.problems if p.line == 4}
    assert ("population", "E013") in found and ("note", "E017") in found, found

"""The helpline checker against 30 plausible mistakes (the 2026 helpline audit, section 5).

Each case takes the real data, makes one mistake a contributor could make (a digit off, a number
filed under the wrong country, a premium-rate number...) and runs the checker's pure function on
the result, with no Sphinx build. A case is caught when the checker reports a problem for the
entry it touched. The data's own entries are the starting point, so the cases follow the data; an
entry a case needs that has gone fails the test with its name.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from onebyone.data.helplines import check_data

DATA = Path(__file__).resolve().parents[1] / "handbook" / "_data" / "helplines.yaml"
TODAY = date(2026, 12, 3)
ORIGINAL = yaml.load(
    DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
)


def _region(data, region_id):
    for region in data["regions"]:
        if region["id"] == region_id:
            return region
    pytest.fail(f"the data has no region {region_id}; update the mutation case")


def _service(data, region_id, service_id):
    for service in _region(data, region_id)["services"]:
        if service["id"] == service_id:
            return service
    pytest.fail(f"the data has no service {region_id}/{service_id}; update the mutation case")


def _bump_last(number: str) -> str:
    """One digit off: the last digit plus one."""
    last = max(i for i, c in enumerate(number) if c.isdigit())
    return number[:last] + str((int(number[last]) + 1) % 10) + number[last + 1 :]


def _bump_third_last(number: str) -> str:
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    at = digits[-3]
    return number[:at] + str((int(number[at]) + 1) % 10) + number[at + 1 :]


def _swap_last_two(number: str) -> str:
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    a, b = digits[-2], digits[-1]
    if number[a] == number[b]:
        a = digits[-3]
    chars = list(number)
    chars[a], chars[b] = chars[b], chars[a]
    return "".join(chars)


def _drop_last(number: str) -> str:
    last = max(i for i, c in enumerate(number) if c.isdigit())
    return (number[:last] + number[last + 1 :]).strip(" -")


def set_number(region_id, service_id, change, field="phones", index=0):
    def mutate(data):
        number = _service(data, region_id, service_id)[field][index]
        number["number"] = change(number["number"]) if callable(change) else change
        return region_id, service_id

    return mutate


def move(region_id, service_id, to_region, new_id=None):
    """File a service under another region, unchanged (the digits may fit both plans)."""

    def mutate(data):
        service = _service(data, region_id, service_id)
        _region(data, region_id)["services"].remove(service)
        service["id"] = new_id or service["id"]
        if any(s["id"] == service["id"] for s in _region(data, to_region)["services"]):
            service["id"] += "-moved"
        _region(data, to_region)["services"].append(service)
        return to_region, service["id"]

    return mutate


def foreign_plus(region_id, service_id, to_region, written):
    """Write a number with its country code and file it under another region."""

    def mutate(data):
        to, sid = move(region_id, service_id, to_region)(data)
        _service(data, to, sid)["phones"][0]["number"] = written
        return to, sid

    return mutate


def swap_numbers(region_id, first, second):
    def mutate(data):
        a = _service(data, region_id, first)["phones"][0]
        b = _service(data, region_id, second)["phones"][0]
        a["number"], b["number"] = b["number"], a["number"]
        return region_id, first

    return mutate


def flagged_code(region_id, service_id, code, source, kind=None):
    """Flag a code as unknown to the library, with a source of the writer's choosing."""

    def mutate(data):
        number = _service(data, region_id, service_id)["phones"][0]
        number.update(number=code, unknown_short_code=True, source=source)
        if kind:
            number["source_kind"] = kind
        return region_id, service_id

    return mutate


# The audit's table, in its order: (id, mistake, mutation).
MUTATIONS = [
    (1, "one digit off, UK freephone", set_number("GB", "modern-slavery-helpline", _bump_last)),
    (2, "one digit off, US toll-free", set_number("US", "trafficking-hotline", _bump_last)),
    (3, "transposed digits, Canada", set_number("CA", "trafficking-hotline", _swap_last_two)),
    (4, "one digit off, Australian 1800", set_number("AU", "kids-helpline", _bump_third_last)),
    (5, "one digit off, Irish 1800", set_number("IE", "childline", _bump_last)),
    (6, "dropped digit, US toll-free", set_number("US", "trafficking-hotline", _drop_last)),
    (7, "Childline one digit off", set_number("GB", "childline", _bump_last)),
    (8, "Childline digit dropped", set_number("GB", "childline", _drop_last)),
    (
        9,
        "US text short code one digit off",
        set_number("US", "trafficking-hotline", _bump_last, "texts"),
    ),
    (10, "flagged short code one digit off", set_number("KH", "child-helpline", _bump_last)),
    (11, "flagged short code transposed", set_number("TH", "childline", _swap_last_two)),
    (12, "UK emergency replaced by 101", set_number("GB", "emergency", "101")),
    (13, "US emergency replaced by 999", set_number("US", "emergency", "999")),
    (14, "UK emergency replaced by 911", set_number("GB", "emergency", "911")),
    (15, "Australian emergency replaced by 911", set_number("AU", "emergency", "911")),
    (16, "India's 1098 filed under the US", move("IN", "childline", "US")),
    (17, "Ireland's Garda line filed under Australia", move("IE", "garda-confidential", "AU")),
    (18, "Australia's Kids Helpline filed under Ireland", move("AU", "kids-helpline", "IE")),
    (19, "UK Crimestoppers filed under New Zealand", move("GB", "crimestoppers", "NZ")),
    (20, "+44 number filed under the US", foreign_plus("GB", "childline", "US", "+44 800 1111")),
    (21, "New Zealand's 111 as the UK emergency number", set_number("GB", "emergency", "111")),
    (22, "premium-rate UK number", set_number("GB", "nspcc-helpline", "0906 123 4567")),
    (23, "premium-rate US number", set_number("US", "childhelp", "1-900-555-0199")),
    (24, "letters in a number", set_number("US", "missing-children", "1-800-THE-LOST")),
    (25, "letters in a flagged short code", set_number("KH", "child-helpline", "12B8")),
    (
        26,
        "made-up flagged code with any URL",
        flagged_code("KH", "child-helpline", "9999", "https://example.com/"),
    ),
    (27, "116 000 and 116 111 swapped", swap_numbers("EU", "missing-children", "child-helplines")),
    (28, "fictional US number", set_number("US", "childhelp", "1-202-555-0123")),
    (29, "Cambodian full number one digit off", set_number("KH", "aple", _bump_last)),
    (
        30,
        "flagged short code read only on a news page",
        flagged_code("ZA", "childline", "116", "https://www.iol.co.za/", "secondary"),
    ),
]


def _problems_for(data, entry_region, entry_service):
    directory, problems = check_data(data, _no_line, TODAY, 365)
    if directory is None:  # a schema error: the whole file is refused
        return problems
    entry = f"{entry_region}/{entry_service}"
    return [p for p in problems if p.entry == entry]


def _no_line(path):
    return 0


def test_the_data_itself_passes():
    directory, problems = check_data(copy.deepcopy(ORIGINAL), _no_line, TODAY, 365)
    assert directory is not None
    assert not [p.text() for p in problems if not p.stale]


@pytest.mark.parametrize(("case", "mistake", "mutate"), MUTATIONS, ids=[m[1] for m in MUTATIONS])
def test_mistake_is_caught(case, mistake, mutate):
    data = copy.deepcopy(ORIGINAL)
    region_id, service_id = mutate(data)
    problems = _problems_for(data, region_id, service_id)
    assert problems, f"mistake {case} ({mistake}) passed the checker"


def test_at_least_27_of_30_caught():
    caught = 0
    for _case, _mistake, mutate in MUTATIONS:
        data = copy.deepcopy(ORIGINAL)
        if _problems_for(data, *mutate(data)):
            caught += 1
    assert len(MUTATIONS) == 30
    assert caught >= 27, f"only {caught} of 30 plausible mistakes caught"


def test_a_digit_typo_needs_the_same_typo_in_the_quote():
    data = copy.deepcopy(ORIGINAL)
    number = _service(data, "GB", "childline")["phones"][0]
    number["number"] = _bump_last(number["number"])
    number["source_quote"] = re.sub(r"0800 1111", number["number"], number["source_quote"])
    messages = [p.message for p in _problems_for(data, "GB", "childline")]
    assert not [m for m in messages if "source_quote" in m]

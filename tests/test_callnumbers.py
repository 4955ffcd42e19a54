"""The words the call-number check reads as advice to call someone (checks/callnumbers.py).

The whole check runs on the handbook in every strict build and in the bad-input matrix
(tests/test_bad_input.py); these are the sentences it must and must not count as advice.
"""

from __future__ import annotations

import pytest

from onebyone.checks.callnumbers import advice_in, advice_pattern

PATTERN = advice_pattern(["Childline", "Kids Helpline"])


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "If a child is in immediate danger, call the emergency number.",
            "call the emergency number",
        ),
        ("Anyone can refer to children's services or call the police.", "call the police"),
        ("You can also contact a helpline, local services or the police.", "contact a helpline"),
        ("Call the local emergency number instead.", "Call the local emergency number"),
        ("Tell an adult you trust, or ring Childline.", "ring Childline"),
        ("If they talk about hurting themselves, call a crisis line now.", "call a crisis line"),
    ],
)
def test_advice_to_call_is_found(sentence: str, words: str):
    assert advice_in(sentence, PATTERN) == [words]


@pytest.mark.parametrize(
    "sentence",
    [
        "Do not call a hotline just to pass on a viral post.",
        "It asks everyone to share it, and to call a hotline.",
        "Tell the lead the same day, even after a call to the emergency number.",
        "Never call the number in a message you did not expect.",
        "Who to call: the numbers are on the back.",
        "If a friend has new money or phones, they might need help.",
    ],
)
def test_what_is_not_advice_is_left_alone(sentence: str):
    assert advice_in(sentence, PATTERN) == []

"""Rotating and fixed codes (apps/core/codes.py), shared by activities and meetings."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from apps.core.codes import fixed_code, fixed_code_valid, rotating_code, rotating_code_valid, seconds_left


def test_a_rotating_code_changes_every_minute_and_the_previous_one_is_still_accepted():
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        first = rotating_code("secret", "meeting:1")
        assert rotating_code_valid("secret", "meeting:1", first)
        assert seconds_left() == 55
    with time_machine.travel(timezone.now().replace(second=5) + timedelta(minutes=1), tick=False):
        assert rotating_code("secret", "meeting:1") != first
        assert rotating_code_valid("secret", "meeting:1", first)
    with time_machine.travel(timezone.now().replace(second=5) + timedelta(minutes=2), tick=False):
        assert not rotating_code_valid("secret", "meeting:1", first)


def test_codes_differ_by_subject_and_secret():
    assert rotating_code("secret", "meeting:1") != rotating_code("secret", "meeting:2")
    assert rotating_code("secret", "meeting:1") != rotating_code("other", "meeting:1")
    assert not rotating_code_valid("secret", "meeting:2", rotating_code("secret", "meeting:1"))


def test_a_fixed_code_never_changes_and_refuses_an_empty_one():
    code = fixed_code("secret", "campaign:3")
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert fixed_code_valid("secret", "campaign:3", code)
    assert not fixed_code_valid("secret", "campaign:3", "")

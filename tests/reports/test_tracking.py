"""查询办件: following a report without its private link, and the texts that carry the link."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.accounts import sms
from apps.reports.services import report_submit, report_transition


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def report(board, categories):
    return report_submit(
        place=board.place,
        category=categories["lamp"],
        description="3楼楼道灯不亮",
        source="qr",
        contact_phone="138 0013 5678",
    )


def track(client, number, digits, **extra):
    return client.post(reverse("reports:track"), {"tracking_number": number, "phone_last4": digits}, **extra)


def test_the_tracking_number_and_the_phones_last_digits_open_the_follow_page(client, report):
    response = track(client, report.tracking_number, "5678")
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:follow", args=[report.follow_token])


def test_the_number_is_read_as_people_type_it(client, report):
    typed = " " + report.tracking_number.replace("-", "").lower()
    wide_digits = "５６７８"  # a Chinese keyboard's full-width digits
    response = track(client, typed, wide_digits)
    assert response["Location"] == reverse("reports:follow", args=[report.follow_token])


def test_a_wrong_pair_and_an_unknown_number_answer_alike(client, report):
    wrong_digits = track(client, report.tracking_number, "0000")
    unknown = track(client, "991231-ABCDEF", "5678")
    assert wrong_digits.status_code == unknown.status_code == 200
    assert report.follow_token not in wrong_digits.content.decode()
    message = "没有与该受理编号和尾号相符的诉求"
    assert message in wrong_digits.content.decode() and message in unknown.content.decode()
    assert wrong_digits.context["form"].errors == unknown.context["form"].errors


def test_malformed_input_is_told_what_is_wrong_and_kept(client):
    response = track(client, "楼道灯", "12a")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"tracking_number", "phone_last4"}
    assert 'value="楼道灯"' in response.content.decode()


def test_guessing_the_digits_of_one_number_in_a_loop_is_stopped(client, report, settings):
    settings.TRACK_RATE_PER_NUMBER = "5/h"
    for n, guess in enumerate(["0000", "1111", "2222", "3333", "4444"]):
        assert track(client, report.tracking_number, guess, REMOTE_ADDR=f"10.0.0.{n}").status_code == 200
    response = track(client, report.tracking_number, "5678", REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Location" not in response


def test_guessing_numbers_from_one_address_is_stopped(client, report, settings):
    settings.TRACK_RATE_PER_ADDRESS = "3/h"
    for n in range(3):
        track(client, f"26010{n}-ABCDEF", "5678")
    assert track(client, report.tracking_number, "5678").status_code == 429


def test_a_signed_in_reporter_is_found_by_their_accounts_number(client, board, categories, world):
    world.outsider.phone = "+8613900001234"
    world.outsider.save(update_fields=["phone"])
    report = report_submit(
        place=board.place,
        category=categories["lamp"],
        description="灯不亮",
        source="qr",
        reporter=world.outsider,
    )
    assert track(client, report.tracking_number, "1234")["Location"].endswith(f"/r/{report.follow_token}/")


def test_the_landing_page_leads_to_the_tracking_page(client):
    assert reverse("reports:track") in client.get("/").content.decode()


def test_the_follow_page_states_the_promised_resolution_date(client, report):
    page = client.get(reverse("reports:follow", args=[report.follow_token])).content.decode()
    promised = timezone.localtime(report.resolve_due).strftime("%Y-%m-%d %H:%M")
    assert "承诺办结时间" in page and promised in page


def test_a_reporter_who_left_a_number_is_texted_at_acceptance_resolution_and_reopening(
    client, board, categories, world, django_capture_on_commit_callbacks
):
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            place=board.place,
            category=categories["lamp"],
            description="灯不亮",
            source="qr",
            contact_phone="13800135678",
        )
    assert sms.outbox == []  # submitting is not a step anyone needs a text for
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, action="accept", actor=world.property_a1)
    report.refresh_from_db()
    promised = timezone.localtime(report.resolve_due).strftime("%Y-%m-%d %H:%M")
    phone, accepted = sms.outbox[-1]
    assert phone == "+8613800135678"
    assert "已受理" in accepted and promised in accepted and report.follow_token in accepted
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    assert "办结" in sms.outbox[-1][1]
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(
            report=report,
            action="rate",
            actor=None,
            satisfaction="unsatisfied",
            solved=False,
            note="还是不亮",
        )
    assert "重新办理" in sms.outbox[-1][1]
    assert len(sms.outbox) == 3

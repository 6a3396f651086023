"""
Dispatch by a person: the dispatcher sees the suggested handler and chooses another among those
serving the report's place (its management unit, the community, a department of its street), may
correct the category (deadlines derived again, the first category kept) and mark it urgent; a unit
that does not serve the place, another street's department, a correction by someone who may not
dispatch and a report changed meanwhile are refused with a clear message, nothing changed.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.notifications.models import Notification
from apps.places.models import Department, Place, PlaceKind
from apps.places.services import department_of_street
from apps.reports.dispatch import Seen, handler_choices, report_dispatch
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from apps.reports.services import report_submit, report_transition
from tests.factories import UserFactory


@pytest.fixture
def report(world, categories, unit_a1, django_capture_on_commit_callbacks):
    """垃圾满溢 at a unit door of 甲1: sent by the system to the property company serving it."""
    with django_capture_on_commit_callbacks(execute=True):
        return report_submit(
            place=unit_a1, category=categories["garbage"], description="垃圾桶满了", source="qr"
        )


def dispatch(report, by, handler, **changes):
    report.refresh_from_db()
    return report_dispatch(report=report, by=by, handler=handler, seen=Seen.of(report), **changes)


def unchanged(report, *, events: int = 2) -> bool:
    report.refresh_from_db()
    return report.management_unit_id is not None and report.events.count() == events


def test_community_staff_send_a_report_to_a_department_of_their_street_chosen_by_hand(
    world, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        done = dispatch(
            report, world.staff_a1, f"department:{world.department_a.pk}", note="占道经营，城管处理"
        )

    assert (done.handler_kind, done.department, done.management_unit) == ("street", world.department_a, None)
    event = done.events.last()
    assert (event.action, event.actor, event.note) == ("dispatch", world.staff_a1, "占道经营，城管处理")
    assert Notification.objects.filter(user=world.department_staff_a).exists()
    assert not Notification.objects.filter(user=world.department_staff_b).exists()


def test_the_choices_are_the_handlers_serving_the_place(world, report):
    keys = {choice.key for choice in handler_choices(report)}
    assert {"community", f"unit:{world.unit_a1.pk}", f"department:{world.department_a.pk}"} <= keys
    assert f"unit:{world.unit_b1.pk}" not in keys and f"department:{world.department_b.pk}" not in keys


def test_a_unit_that_does_not_serve_the_place_is_refused(world, report):
    with pytest.raises(ValidationError, match=r"does not serve|不服务"):
        dispatch(report, world.staff_a1, f"unit:{world.unit_b1.pk}")
    assert unchanged(report)


def test_community_staff_cannot_dispatch_to_another_streets_department(world, report):
    with pytest.raises(ValidationError, match=r"own street|本街道"):
        dispatch(report, world.staff_a1, f"department:{world.department_b.pk}")
    assert unchanged(report)


def test_a_category_correction_by_someone_who_may_not_dispatch_is_refused(world, categories, report):
    for person in (world.property_a1, world.department_staff_a, world.staff_b1):
        with pytest.raises(PermissionDenied):
            dispatch(report, person, "community", category=categories["noise"])
    report.refresh_from_db()
    assert (report.category, report.submitted_category) == (categories["garbage"], None)


def test_the_category_corrected_in_the_step_gives_its_deadlines_and_is_kept_for_the_suggester(
    world, categories, report
):
    done = dispatch(report, world.staff_a1, "community", category=categories["noise"], urgent=True)

    assert (done.category, done.submitted_category, done.urgent) == (
        categories["noise"],
        categories["garbage"],
        True,
    )
    assert done.resolve_due == done.created_at + timedelta(days=categories["noise"].resolve_days)
    assert done.dispatch_due == done.created_at + timedelta(minutes=5)  # urgent
    assert [e.action for e in done.events.all()][-2:] == ["recategorize", "dispatch"]


def test_a_report_changed_since_the_dispatcher_saw_it_is_refused(world, report):
    report.refresh_from_db()
    seen = Seen.of(report)
    report_dispatch(report=report, by=world.official_a, handler="community", seen=seen)

    with pytest.raises(ValidationError, match=r"Someone else|其他人"):
        report_dispatch(
            report=report, by=world.staff_a1, handler=f"department:{world.department_a.pk}", seen=seen
        )
    report.refresh_from_db()
    assert report.handler_kind == "community" and report.events.filter(action="dispatch").count() == 2


def test_an_accepted_report_is_not_dispatched_again(world, report):
    report_transition(report=report, action="accept", actor=world.property_a1)
    with pytest.raises(ValidationError, match=r"cannot be dispatched|不能派单"):
        dispatch(report, world.staff_a1, "community")


def dispatch_url(report) -> str:
    return reverse("admin:reports_report_dispatch", args=[report.pk])


def test_the_report_page_leads_to_the_dispatch_page_which_suggests_the_default_handler(client, world, report):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert transition_url(report, "dispatch") in page

    page = client.get(transition_url(report, "dispatch"), follow=True)

    assert page.status_code == 200 and page.redirect_chain == [(dispatch_url(report), 302)]
    assert world.unit_a1.name in page.content.decode()
    assert page.context["form"].initial["handler"] == f"unit:{world.unit_a1.pk}"


def test_a_dispatch_page_post_to_another_streets_department_shows_why(client, world, report):
    client.force_login(world.staff_a1)
    form = client.get(dispatch_url(report)).context["form"]
    data = {**form.initial, "category": report.category_id, "handler": f"department:{world.department_b.pk}"}

    page = client.post(dispatch_url(report), data)

    assert page.status_code == 200
    assert "本街道" in page.content.decode() or "own street" in page.content.decode()
    assert unchanged(report)


def test_the_dispatch_page_sends_the_report(client, world, report):
    client.force_login(world.staff_a1)
    form = client.get(dispatch_url(report)).context["form"]
    data = {**form.initial, "category": report.category_id, "handler": f"department:{world.department_a.pk}"}

    assert client.post(dispatch_url(report), data).status_code == 302
    report.refresh_from_db()
    assert report.department == world.department_a


def test_staff_of_another_community_and_handlers_do_not_reach_the_dispatch_page(client, world, report):
    for person in (world.staff_b1, world.department_staff_b):
        client.force_login(person)
        assert client.get(dispatch_url(report)).status_code in (302, 404)
    client.force_login(world.property_a1)
    assert client.get(dispatch_url(report)).status_code == 403


def test_the_dispatch_page_costs_the_same_queries_with_more_history(
    client, world, categories, unit_a1, report, django_assert_max_num_queries
):
    client.force_login(world.official_a)  # returned more than twice: the street's desk dispatches it
    client.get(dispatch_url(report))  # the suggester's model, learnt once
    for n in range(15):
        other = report_submit(
            place=unit_a1, category=categories["garbage"], description=f"垃圾{n}", source="qr"
        )
        report_transition(report=other, action="accept", actor=world.property_a1)
        report = report_transition(report=report, action="return", actor=world.property_a1, note=f"第{n}次")
        report = report_dispatch(
            report=report, by=world.official_a, handler=f"unit:{world.unit_a1.pk}", seen=Seen.of(report)
        )
    department_of_street(place=world.street_a, name="民生保障办公室")
    with django_assert_max_num_queries(20):
        assert client.get(dispatch_url(report)).status_code == 200


def test_a_street_official_dispatches_a_report_of_the_street(world, report):
    done = dispatch(report, world.official_a, f"department:{world.department_a.pk}")
    assert done.department == world.department_a and done.status == Status.DISPATCHED
    assert done.events.last().actor_kind == "street"


def test_department_staff_of_the_chosen_department_see_it_and_others_do_not(world, report):
    dispatch(report, world.staff_a1, f"department:{world.department_a.pk}")
    assert world.department_staff_a.has_perm("reports.view_report", Report.objects.get(pk=report.pk))
    assert not world.department_staff_b.has_perm("reports.view_report", Report.objects.get(pk=report.pk))
    assert not UserFactory().has_perm("reports.view_report", Report.objects.get(pk=report.pk))


def district_of(street):
    return Place.objects.get(path=street.ancestor_path(PlaceKind.DISTRICT))


def test_a_bureau_of_the_reports_district_may_be_chosen_and_another_districts_not(world, report):
    own = Department.objects.create(
        name="区城管委", kind=Department.Kind.DISTRICT_BUREAU, place=district_of(world.street_a)
    )
    other = Department.objects.create(
        name="区城管委", kind=Department.Kind.DISTRICT_BUREAU, place=district_of(world.street_b)
    )
    assert f"department:{own.pk}" in {choice.key for choice in handler_choices(report)}
    with pytest.raises(ValidationError):
        dispatch(report, world.staff_a1, f"department:{other.pk}")

    assert dispatch(report, world.staff_a1, f"department:{own.pk}").department == own


def transition_url(report, action: str) -> str:
    return reverse("admin:reports_report_transition", args=[report.pk, action])


def test_the_old_dispatch_step_url_hands_over_to_the_dispatch_page(client, world, report):
    client.force_login(world.staff_a1)

    page = client.get(transition_url(report, "dispatch"))

    assert page.status_code == 302 and page.url == dispatch_url(report)
    assert unchanged(report)


def test_a_form_posted_to_the_old_dispatch_step_url_dispatches_nothing_and_says_where_to(
    client, world, report
):
    client.force_login(world.staff_a1)

    page = client.post(transition_url(report, "dispatch"), {"note": "派给城管"}, follow=True)

    assert page.redirect_chain == [(dispatch_url(report), 302)]
    assert "未派单" in page.content.decode()
    assert unchanged(report)


def test_the_old_dispatch_step_url_refuses_whoever_may_not_dispatch(client, world, report):
    client.force_login(world.property_a1)
    assert client.get(transition_url(report, "dispatch")).status_code == 403
    assert unchanged(report)


def test_the_report_pages_steps_all_lead_through_the_step_url(client, world, report):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert transition_url(report, "dispatch") in page and dispatch_url(report) not in page


def dispatch_form(client, report, **changes) -> dict:
    form = client.get(dispatch_url(report)).context["form"]
    return {**form.initial, "category": report.category_id, **changes}


def test_the_dispatcher_adds_co_handlers_on_the_dispatch_page(client, world, report):
    welfare = department_of_street(place=world.street_a, name="民生保障办公室")
    client.force_login(world.staff_a1)
    to_department = f"department:{world.department_a.pk}"
    data = dispatch_form(client, report, handler=to_department, cohandlers=[welfare.pk])

    assert client.post(dispatch_url(report), data).status_code == 302

    report.refresh_from_db()
    assert report.department == world.department_a
    joined = report.joined_units.get()
    assert (joined.department, joined.part, joined.joined_by) == (welfare, "cohandler", world.staff_a1)
    assert list(report.events.values_list("action", flat=True))[-2:] == ["dispatch", "add_cohandler"]


def test_the_handler_chosen_as_its_own_co_handler_is_refused_and_nothing_is_dispatched(client, world, report):
    client.force_login(world.staff_a1)
    to_department = f"department:{world.department_a.pk}"
    data = dispatch_form(client, report, handler=to_department, cohandlers=[world.department_a.pk])

    page = client.post(dispatch_url(report), data)

    assert page.status_code == 200 and "城市管理办公室已负责办理该诉求" in page.content.decode()
    assert unchanged(report) and not report.joined_units.exists()


def test_another_streets_department_is_not_offered_as_co_handler_nor_taken(client, world, report):
    client.force_login(world.staff_a1)
    offered = client.get(dispatch_url(report)).context["form"].fields["cohandlers"].queryset
    assert world.department_a in offered and world.department_b not in offered

    data = dispatch_form(client, report, cohandlers=[world.department_b.pk])
    page = client.post(dispatch_url(report), data)

    assert page.status_code == 200 and "cohandlers" in page.context["form"].errors
    assert unchanged(report) and not report.joined_units.exists()

"""What each step of a report tells whom: residents about progress, staff about work and deadlines."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.notifications.services import notify, text
from apps.places.selectors import place_label

from .desk import RETURNS_TO_STREET_DESK, dispatcher_of, returns_until
from .lifecycle import event_label
from .models import Report, Supervision, TimelineEvent
from .recipients import community_staff_of, handlers_of, staff_of_department, street_officials_of

# the steps as residents hear of them: "reopened" stands for reopen, fail_review and an unsatisfied rating
RESIDENT_STEPS = {
    "dispatch",
    "accept",
    "rating asked",
    "to check",
    "reject",
    "merge",
    "close",
    "escalated",
    "reopened",
}
# the steps told by text message to a reporter who left a phone number ("rating asked": at resolution,
# or at the check (审核) in categories that need one)
TEXTED_STEPS = {"accept", "rating asked", "reopened"}


def announce_event(event: TimelineEvent) -> None:
    report = event.report
    step = _step(report, event)
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        if event.action == "dispatch":
            notify(
                users=handlers_of(report),
                key=f"report-event-{event.pk}",
                title=_("New report for you: %(category)s at %(place)s")
                % {"category": report.category.name, "place": place_label(report.place)},
                body=report.description[:200],
                url=reverse("admin:reports_report_change", args=[report.pk]),
            )
        if event.action in ("summon", "add_cohandler"):  # the joined unit's staff: a report to join
            _tell_staff(
                staff_of_department(event.unit.department_id),
                _("Your unit is summoned (吹哨): report in to %(number)s, %(category)s at %(place)s")
                if event.action == "summon"
                else _("Your unit co-handles (协办) %(number)s, %(category)s at %(place)s"),
                report,
                event,
            )
        if event.action == "return":  # back with the dispatcher, with the reason
            _announce_return(report, event)
        if step == "to check":  # 审核: community staff check the result before the resident is asked
            _tell_staff(
                community_staff_of(report),
                _("Resolved, to be checked before rating: %(number)s, %(category)s at %(place)s"),
                report,
                event,
            )
        if step == "reopened":
            # the handler who resolved it must act again, and the community sees it does
            _tell_staff(
                [*handlers_of(report), *community_staff_of(report)],
                _("Reopened, to be handled again: %(number)s, %(category)s at %(place)s"),
                report,
                event,
            )
        if step in RESIDENT_STEPS:
            _tell_resident(report, event, step)


def _announce_return(report: Report, event: TimelineEvent) -> None:
    """To the person who dispatched it (the community's staff when only the system did); returned twice,
    it is at the street's dispatch desk, and the street's officials are told as well."""
    dispatcher = dispatcher_of(event)
    _tell_staff(
        [dispatcher] if dispatcher else community_staff_of(report),
        _("Returned to you for dispatch: %(number)s, %(category)s at %(place)s"),
        report,
        event,
    )
    if returns_until(report, event) >= RETURNS_TO_STREET_DESK:
        notify(
            users=street_officials_of(report),
            key=f"report-event-{event.pk}-desk",
            title=_(
                "Returned twice, now at the street's dispatch desk: %(number)s, %(category)s at %(place)s"
            )
            % {
                "number": report.tracking_number,
                "category": report.category.name,
                "place": place_label(report.place),
            },
            body=event.note[:200],
            url=reverse("admin:reports_report_change", args=[report.pk]),
        )


def _tell_staff(users, title: str, report: Report, event: TimelineEvent) -> None:
    """A step staff must act on, with its note, linking to the report's page."""
    notify(
        users=users,
        key=f"report-event-{event.pk}-staff",
        title=title
        % {
            "number": report.tracking_number,
            "category": report.category.name,
            "place": place_label(report.place),
        },
        body=event.note[:200],
        url=reverse("admin:reports_report_change", args=[report.pk]),
    )


def _step(report: Report, event: TimelineEvent) -> str:
    """The event's action, except that every way back to the handler reads "reopened", and the step
    that asks the resident to rate reads "rating asked" (the resolution, or the check that follows it
    where the category needs one: the resolution then reads "to check")."""
    unsatisfied = report.satisfaction == Report.Satisfaction.UNSATISFIED or report.solved is False
    if event.action in ("reopen", "fail_review") or (event.action in ("rate", "visit") and unsatisfied):
        return "reopened"
    if event.action == "resolve":
        return "to check" if report.category.needs_review else "rating asked"
    if event.action == "review" and report.category.needs_review:
        return "rating asked"
    return event.action


def _tell_resident(report: Report, event: TimelineEvent, step: str) -> None:
    follow_url = reverse("reports:follow", args=[report.follow_token])
    title = _("Your report %(number)s: %(step)s") % {
        "number": report.tracking_number,
        "step": event_label(event.action),
    }
    if event.action == "accept":
        resolve_by = formats.date_format(timezone.localtime(report.resolve_due), "Y-m-d H:i")
        title = _("Your report %(number)s is accepted and will be resolved by %(date)s") % {
            "number": report.tracking_number,
            "date": resolve_by,
        }
    elif step == "rating asked":
        title = _("Your report %(number)s is resolved: please tell us whether you are satisfied") % {
            "number": report.tracking_number
        }
    elif step == "to check":
        title = _("Your report %(number)s is resolved; the community checks the result before asking you") % {
            "number": report.tracking_number
        }
    elif step == "reopened":
        title = _("Your report %(number)s is reopened and will be handled again") % {
            "number": report.tracking_number
        }
    if report.reporter_id:
        notify(users=[report.reporter], key=f"report-event-{event.pk}", title=title, url=follow_url)
    phone = report.contact_phone or (report.reporter.phone if report.reporter_id else "")
    if phone and step in TEXTED_STEPS:
        text(
            phone=str(phone),
            key=f"report-event-{event.pk}",
            message=f"{title} {settings.SITE_URL}{follow_url}",
        )


def announce_supervision(entry: Supervision) -> None:
    report = entry.report
    if entry.unit_id:  # a summoned unit not reported in: the community's staff, then the street's too
        people = list(community_staff_of(report)) + list(staff_of_department(entry.unit.department_id))
        if entry.level == Supervision.Level.STREET:
            people += list(street_officials_of(report))
    elif entry.level == Supervision.Level.WARNING:
        people = handlers_of(report)
    elif entry.level == Supervision.Level.COMMUNITY:
        people = list(community_staff_of(report)) + list(handlers_of(report))
    else:
        people = list(street_officials_of(report)) + list(community_staff_of(report))
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        title = _("%(level)s: %(number)s, %(deadline)s deadline") % {
            "level": entry.get_level_display(),
            "number": report.tracking_number,
            "deadline": entry.get_deadline_display(),
        }
        if entry.unit_id:
            title = _("%(level)s: %(unit)s has not reported in to %(number)s") % {
                "level": entry.get_level_display(),
                "unit": entry.unit.department.name,
                "number": report.tracking_number,
            }
        notify(
            users=people,
            key=f"supervision-{entry.pk}",
            title=title,
            body=f"{report.category.name} · {place_label(report.place)}",
            url=reverse("admin:reports_report_change", args=[report.pk]),
        )

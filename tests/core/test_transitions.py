"""Every lifecycle is a table applied by apps/core/transitions.py: a step from a state outside its
sources is refused with the lifecycle's message, whoever asks."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.access.permissions import PERMISSION_ROLES
from apps.halls.meetings.lifecycle import MEETING
from apps.halls.models import Meeting, Topic, Vote
from apps.halls.procedure import FOUR_AND_TWO, TopicStatus
from apps.halls.votes.lifecycle import VOTE
from apps.organizations.lifecycle import LIFECYCLE as ORGANIZATION
from apps.organizations.models import Organization
from apps.reports.lifecycle import LIFECYCLE as REPORT
from apps.reports.lifecycle import TransitionError
from apps.reports.models import Report

TOPIC = FOUR_AND_TWO.lifecycle


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def illegal(lifecycle, model):
    """Each (transition, state) the table does not allow."""
    states = model._meta.get_field(lifecycle.field).choices
    return [(t, state) for t in lifecycle for state, _ in states if state not in t.sources]


def refusal(lifecycle, obj, name) -> str:
    with pytest.raises(ValidationError) as refused:
        lifecycle.check(obj, name, actor=None, system=True)
    return " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("transition", "state"), illegal(REPORT, Report), ids=lambda value: getattr(value, "name", value)
)
def test_a_report_step_outside_the_table_is_refused_naming_the_state_and_the_step(transition, state):
    report = Report(status=state)
    with pytest.raises(TransitionError):
        REPORT.check(report, transition.name, actor=None, system=True)
    message = refusal(REPORT, report, transition.name)
    if transition.refusal:  # a step with words of its own (a return visit): they name the state
        assert report.get_status_display().lower() in message.lower()
        return
    assert message == (
        f"A report that is “{report.get_status_display()}” cannot be changed by “{transition.label}”."
    )


@pytest.mark.parametrize(
    ("transition", "state"),
    illegal(ORGANIZATION, Organization),
    ids=lambda value: getattr(value, "name", value),
)
def test_an_organization_step_outside_the_table_is_refused(transition, state):
    organization = Organization(status=state)
    assert refusal(ORGANIZATION, organization, transition.name) == (
        f"An organization that is {organization.get_status_display()} cannot be changed this way."
    )


MEETING_REFUSALS = {
    "open": "Only a scheduled meeting can be opened.",
    "close": "Only a meeting in session can be closed.",
    "cancel": "This meeting has closed: a closed meeting cannot be cancelled.",
}


@pytest.mark.parametrize(
    ("transition", "state"), illegal(MEETING, Meeting), ids=lambda value: getattr(value, "name", value)
)
def test_a_meeting_step_outside_the_table_is_refused(transition, state):
    expected = MEETING_REFUSALS[transition.name]
    if (transition.name, state) == ("cancel", "cancelled"):
        expected = "This meeting is already cancelled."
    assert refusal(MEETING, Meeting(status=state), transition.name) == expected


@pytest.mark.parametrize(
    ("transition", "state"), illegal(VOTE, Vote), ids=lambda value: getattr(value, "name", value)
)
def test_a_vote_step_outside_the_table_is_refused(transition, state):
    expected = {"open": "This vote has already been opened.", "close": "This vote was never opened."}
    assert refusal(VOTE, Vote(status=state), transition.name) == expected[transition.name]


@pytest.mark.parametrize(
    ("transition", "state"), illegal(TOPIC, Topic), ids=lambda value: getattr(value, "name", value)
)
def test_a_topic_step_outside_the_procedure_is_refused(transition, state):
    topic = Topic(status=state)
    message = refusal(TOPIC, topic, transition.name)
    if transition.name.startswith("step:"):
        target = TopicStatus(transition.target).label
        assert (
            message
            == f"A topic in “{topic.get_status_display()}” cannot move to “{target}”: no step may be skipped."
        )
    elif transition.name in ("decline", "merge"):
        assert message == f"Only an open topic can be {transition.name}d."
    else:
        assert message == "This resolution is not awaiting the street's review."


def test_the_procedure_moves_one_mandatory_step_at_a_time():
    assert TOPIC["step:proposal"].sources == {TopicStatus.RAISED}
    assert TOPIC["step:resolution"].sources == {TopicStatus.REVIEW}
    assert TOPIC["send_back"].target == FOUR_AND_TWO.returned_to


def test_follow_gives_the_target_and_refuses_what_the_table_does_not_allow():
    assert REPORT.follow("resolved", "rate") == "rated"
    assert REPORT.follow("resolved", "rate", "reopened") == "reopened"
    with pytest.raises(ValueError):
        REPORT.follow("submitted", "resolve")
    with pytest.raises(ValueError):
        REPORT.follow("resolved", "rate", "closed")


def test_stamp_sets_first_stamps_once_and_clears_what_a_step_undoes():
    report = Report(status="dispatched")
    REPORT.stamp(report, REPORT["accept"], "t1")
    REPORT.stamp(report, REPORT["resolve"], "t2")
    assert (report.responded_at, report.resolved_at) == ("t1", "t2")
    REPORT.stamp(report, REPORT["fail_review"], "t3")
    assert (report.responded_at, report.resolved_at) == ("t1", None)


@pytest.mark.parametrize(
    "lifecycle",
    [REPORT, ORGANIZATION, MEETING, VOTE, TOPIC],
    ids=["report", "organization", "meeting", "vote", "topic"],
)
def test_every_step_asks_a_permission_of_the_one_table(lifecycle):
    assert {t.permission for t in lifecycle} <= set(PERMISSION_ROLES)

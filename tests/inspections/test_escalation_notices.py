"""A late notice's escalation tells the people of its level, in the site's language, once per entry."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import translation

from apps.inspections.models import NoticeEscalation
from apps.inspections.tasks import escalate_late_notices
from apps.notifications.models import Notification

from .test_notices import fail

pytestmark = pytest.mark.django_db


def told(person) -> list[str]:
    return list(Notification.objects.filter(user=person).values_list("title", flat=True))


def escalate_at(moment) -> None:
    with time_machine.travel(moment, tick=False):
        escalate_late_notices()


def test_at_the_community_level_the_unit_and_the_communitys_staff_are_told(civility):
    world = civility.world
    notice = fail(civility.bin_a1, civility.inspector_a)
    escalate_at(notice.deadline + timedelta(hours=1))
    title = f"督办至社区负责人：{notice.number} 未在 {_local(notice.deadline)} 前整改"
    assert told(world.property_a1) == [title]
    assert len(told(world.staff_a1)) == 1
    assert told(world.official_a) == []
    assert told(world.staff_a2) == [] and told(world.staff_b1) == []


def test_at_the_street_level_the_streets_officials_are_told_too(civility):
    world = civility.world
    notice = fail(civility.bin_a1, civility.inspector_a)
    escalate_at(notice.deadline + timedelta(hours=1))
    escalate_at(notice.deadline + timedelta(days=4))
    assert [t.split("：")[0] for t in told(world.official_a)] == ["督办至街道"]
    assert len(told(world.staff_a1)) == 2  # each level once
    assert len(told(world.property_a1)) == 1
    assert told(world.staff_a2) == []


def test_each_entry_is_told_once_however_often_the_check_runs(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    for hours in (1, 2, 3):
        escalate_at(notice.deadline + timedelta(hours=hours))
    assert NoticeEscalation.objects.filter(notice=notice, announced_at__isnull=False).count() == 1
    assert Notification.objects.filter(key__startswith="notice-escalation-").count() == 2  # unit + staff


def test_a_street_departments_notice_tells_the_departments_staff(civility):
    from .conftest import point_at

    world = civility.world
    lane = point_at(world.community_a2, civility.bins, "A2-LANE", department_name="城市管理办公室")
    notice = fail(lane, civility.inspector_a)
    escalate_at(notice.deadline + timedelta(hours=1))
    assert len(told(world.department_staff_a)) == 1
    assert told(world.department_staff_b) == []


def test_the_site_speaks_its_own_language_whatever_the_person_acting_reads(civility, settings):
    settings.LANGUAGE_CODE = "en"
    notice = fail(civility.bin_a1, civility.inspector_a)
    with translation.override("zh-hans"):
        escalate_at(notice.deadline + timedelta(hours=1))
    (title,) = told(civility.world.property_a1)
    assert title.startswith("Escalated to the community's leaders:") and "督办" not in title


def _local(moment) -> str:
    from django.utils import timezone

    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"

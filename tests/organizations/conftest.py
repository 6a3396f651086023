from datetime import timedelta

import pytest
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.organizations.models import Activity, Organization
from tests.factories import UserFactory, person_with_role


class Club:
    """An active volunteer team of community 甲1 with its leader, a volunteer, residents of 甲1 and
    the team of community 乙1 with its own leader."""

    def __init__(self, world):
        self.world = world
        self.team = Organization.objects.create(
            name="甲一志愿服务队", place=world.community_a1, category="service", status="active"
        )
        self.other_team = Organization.objects.create(
            name="乙一文体队", place=world.community_b1, category="culture", status="active"
        )
        self.leader = UserFactory(display_name="队长")
        role_grant(user=self.leader, role=Role.ORGANIZATION_LEADER, organization=self.team)
        self.volunteer = UserFactory(display_name="志愿者")
        role_grant(user=self.volunteer, role=Role.ORGANIZATION_VOLUNTEER, organization=self.team)
        self.other_leader = UserFactory(display_name="乙队长")
        role_grant(user=self.other_leader, role=Role.ORGANIZATION_LEADER, organization=self.other_team)
        households = world.households(world.community_a1)
        self.resident = person_with_role(Role.RESIDENT, place=households[0], display_name="张阿姨")
        self.neighbour = person_with_role(Role.RESIDENT, place=households[1], display_name="李大爷")

    def activity(self, *, starts_in=timedelta(days=1), hours=2, kind="service", capacity=10, **fields):
        starts_at = timezone.now() + starts_in
        return Activity.objects.create(
            organization=fields.pop("organization", self.team),
            kind=kind,
            title=fields.pop("title", "楼道清洁"),
            venue="社区活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            capacity=capacity,
            **fields,
        )


@pytest.fixture
def club(world) -> Club:
    return Club(world)


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Refusals are matched by their English msgids here; the Chinese catalogue is checked elsewhere."""
    from django.utils import translation

    with translation.override("en"):
        yield

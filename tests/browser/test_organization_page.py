from datetime import timedelta

import pytest
from django.utils import timezone

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.organizations.models import Activity, Organization
from apps.organizations.services.membership import membership_apply
from tests.factories import PASSWORD, UserFactory, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


@pytest.fixture
def team(world):
    team = Organization.objects.create(
        name="甲一志愿服务队",
        place=world.community_a1,
        category="service",
        status="active",
        description="每周六上午清扫楼道，陪伴独居老人。",
    )
    starts_at = timezone.now() + timedelta(days=3)
    Activity.objects.create(
        organization=team,
        kind="service",
        title="楼道清洁",
        venue="社区活动室",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=10,
    )
    return team


def people_of(world, team) -> dict:
    """The organization's own people, one who applied and waits, and a resident with no tie to it."""
    households = world.households(world.community_a1)
    people = {}
    for name, role in (
        ("leader", Role.ORGANIZATION_LEADER),
        ("member", Role.ORGANIZATION_MEMBER),
        ("volunteer", Role.ORGANIZATION_VOLUNTEER),
    ):
        people[name] = UserFactory(display_name=name)
        role_grant(user=people[name], role=role, organization=team)
    people["applicant"] = person_with_role(Role.RESIDENT, place=households[0], display_name="applicant")
    membership_apply(user=people["applicant"], organization=team, note="想参加")
    people["stranger"] = person_with_role(Role.RESIDENT, place=households[1], display_name="stranger")
    return people


STANDING = {
    "leader": "您是本组织的负责人。",
    "member": "您是本组织的成员。",
    "volunteer": "您是本组织的志愿者。",
    "applicant": "您已申请加入，正在等待负责人答复。",
}


def test_the_organization_page_tells_each_person_where_they_stand(world, team, new_page, screenshot):
    for name, person in people_of(world, team).items():
        page = new_page()
        page.goto(f"/organizations/{team.pk}/")
        expect(page.get_by_role("heading", name="甲一志愿服务队")).to_be_visible()
        page.goto(f"/accounts/login/?next=/organizations/{team.pk}/")
        sign_in(page, login=person.phone.as_national, password=PASSWORD)
        expect(page.get_by_role("heading", name="甲一志愿服务队")).to_be_visible()
        expect(page.get_by_role("link", name="楼道清洁")).to_be_visible()
        join = page.get_by_role("button", name="申请加入")
        if name == "stranger":
            expect(join).to_be_visible()
        else:
            expect(page.get_by_text(STANDING[name])).to_be_visible()
            expect(join).to_have_count(0)
        manage = page.get_by_role("link", name="成员与申请")
        expect(manage).to_have_count(1 if name == "leader" else 0)
        screenshot(page, name)
        assert_resident_page_passes(page)

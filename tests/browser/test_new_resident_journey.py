from datetime import timedelta

from django.utils import timezone

from apps.access.roles import Role
from apps.halls.models import Ballot, CoSignature
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import vote_create, vote_open
from apps.organizations.models import Activity, Organization, Signup
from tests.factories import PASSWORD, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_a_new_resident_cosigns_a_topic_votes_and_signs_up_for_an_activity(world, page, screenshot):
    hall = hall_for(world.community_a1)
    first, second = world.households(world.community_a1)[:2]
    neighbour = person_with_role(Role.RESIDENT, place=first, display_name="邻居老张")
    newcomer = person_with_role(Role.RESIDENT, place=second, display_name="新住户小陈")
    topic = topic_raise(hall=hall, user=neighbour, title="楼前空地增设座椅", body="老人散步没处歇脚。")
    now = timezone.now()
    vote = vote_create(
        hall=hall,
        by=world.staff_a1,
        title="更换1号楼单元门",
        description="单元门锁坏了两年，议事会讨论后提出更换为带门禁的新门。",
        rule="household",
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )
    vote_open(vote=vote, by=world.staff_a1)
    team = Organization.objects.create(
        name="甲一志愿服务队", place=world.community_a1, category="service", status="active"
    )
    starts_at = now + timedelta(days=2)
    activity = Activity.objects.create(
        organization=team,
        kind="service",
        title="楼道清洁",
        venue="社区活动室",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=10,
    )

    # From their hall's home to a neighbour's topic, already backed by the neighbour's household.
    page.goto("/halls/")
    sign_in(page, login=newcomer.phone.as_national, password=PASSWORD)
    page.get_by_role("link", name=hall.name).click()
    expect(page.get_by_role("heading", name=hall.name)).to_be_visible()
    screenshot(page, "hall-home")
    assert_resident_page_passes(page)
    page.get_by_role("link", name="楼前空地增设座椅").click()
    expect(page.get_by_role("heading", name="楼前空地增设座椅")).to_be_visible()
    expect(page.get_by_text("1户联署")).to_be_visible()
    screenshot(page, "topic")
    assert_resident_page_passes(page)

    page.get_by_role("button", name="代表我家联署").click()
    expect(page.get_by_text("您家已联署。")).to_be_visible()
    expect(page.get_by_text("2户联署")).to_be_visible()
    expect(page.get_by_role("button", name="代表我家联署")).to_have_count(0)
    screenshot(page, "cosigned")
    assert_resident_page_passes(page)

    # Back at the hall, the open vote: the proposal, the rule, and the household they vote for.
    page.get_by_role("link", name=hall.name).first.click()
    page.get_by_role("link", name="更换1号楼单元门").click()
    expect(page.get_by_role("heading", name="更换1号楼单元门")).to_be_visible()
    expect(page.get_by_text("单元门锁坏了两年")).to_be_visible()
    screenshot(page, "ballot-page")
    assert_resident_page_passes(page)
    page.get_by_label("赞成").check()
    page.get_by_role("button", name="投票").click()
    expect(page.get_by_text("您的选票已记录。")).to_be_visible()
    expect(page.get_by_label("赞成")).to_be_checked()
    screenshot(page, "voted")
    assert_resident_page_passes(page)

    # An activity of the community's volunteer team: sign up, then give the place up.
    page.goto("/organizations/")
    page.get_by_role("link", name="甲一志愿服务队").click()
    page.get_by_role("link", name="楼道清洁").click()
    expect(page.get_by_role("heading", name="楼道清洁")).to_be_visible()
    screenshot(page, "activity")
    assert_resident_page_passes(page)
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_text("报名成功。")).to_be_visible()
    expect(page.get_by_text("您的报名：")).to_be_visible()
    screenshot(page, "signed-up")
    assert_resident_page_passes(page)
    page.get_by_role("button", name="取消报名").click()
    expect(page.get_by_text("您的报名已取消。")).to_be_visible()
    expect(page.get_by_role("button", name="报名", exact=True)).to_be_visible()
    screenshot(page, "cancelled")
    assert_resident_page_passes(page)

    assert set(CoSignature.objects.filter(topic=topic).values_list("household", flat=True)) == {
        first.pk,
        second.pk,
    }
    ballot = Ballot.objects.get(vote=vote)
    assert (ballot.cast_by, ballot.choices) == (newcomer, [1])
    assert Signup.objects.get(activity=activity, user=newcomer).status == Signup.Status.CANCELLED

from datetime import timedelta

from django.utils import timezone

from apps.access.roles import Role
from apps.halls.models import Ballot
from apps.halls.models.votes import Rule
from apps.halls.services import hall_for
from apps.halls.votes.services import vote_create, vote_open
from tests.factories import PASSWORD, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_a_council_member_finds_the_open_vote_and_casts_a_ballot(world, page, screenshot):
    member = person_with_role(Role.COUNCIL_MEMBER, place=world.community_a1, display_name="议事会成员老李")
    now = timezone.now()
    vote = vote_create(
        hall=hall_for(world.community_a1),
        by=world.staff_a1,
        title="更换1号楼单元门",
        description="单元门锁坏了两年，议事会讨论后提出更换为带门禁的新门。",
        rule=Rule.COUNCIL,
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )
    vote_open(vote=vote, by=world.staff_a1)

    page.goto("/halls/")
    assert_resident_page_passes(page)  # the sign-in page
    sign_in(page, login=member.phone.as_national, password=PASSWORD)
    assert_resident_page_passes(page)
    page.get_by_role("link", name="更换1号楼单元门").click()
    expect(page.get_by_role("heading", name="更换1号楼单元门")).to_be_visible()
    assert_resident_page_passes(page)
    page.get_by_label("赞成").check()
    screenshot(page, "ballot")
    page.get_by_role("button", name="投票").click()
    expect(page.get_by_text("您的选票已记录。")).to_be_visible()
    expect(page.get_by_label("赞成")).to_be_checked()
    screenshot(page, "voted")
    assert_resident_page_passes(page)
    ballot = Ballot.objects.get(vote=vote)
    assert (ballot.cast_by, ballot.choices) == (member, [1])

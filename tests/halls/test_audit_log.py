"""A hall's procedure is written to the one audit log (audit.StaffAction): the street official reading
审计日志 in the admin finds its paper ballots, proxies and hidden comments, and the staff of another
community find none of them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.audit.models import StaffAction
from apps.halls.models import Elector
from apps.halls.topics.discussion import comment_hide, comment_post
from apps.halls.topics.services import topic_raise
from apps.halls.votes.services import paper_ballot_enter, proxy_grant
from tests.factories import jpeg_bytes

HALL_STEPS = ["halls.paper_ballot", "halls.proxy", "halls.hide_comment"]


@pytest.fixture
def steps(world, hall, open_vote, residents):
    """In 甲1's hall: a paper ballot, a proxy and a hidden comment."""
    vote = open_vote()
    paper, proxied = (Elector.objects.get(vote=vote, voters__user=person) for person in residents[:2])
    photo = SimpleUploadedFile("paper.jpg", jpeg_bytes(), content_type="image/jpeg")
    paper_ballot_enter(vote=vote, elector=paper, choices=[1], photo=photo, by=world.staff_a1)
    letter = SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    proxy_grant(vote=vote, elector=proxied, holder=residents[0], letter=letter, by=world.staff_a1)
    topic = topic_raise(hall=hall, user=residents[0], title="单元门改造", body="58个单元门坏了")
    comment = comment_post(topic=topic, author=residents[1], body="赞成，先修3号楼")
    comment_hide(comment=comment, by=world.staff_a1, reason="含人身攻击")


def listed_actions(client, person) -> list[str]:
    client.force_login(person)
    response = client.get(reverse("admin:audit_staffaction_changelist"))
    assert response.status_code == 200
    return [entry.action for entry in response.context["cl"].result_list]


def test_the_street_official_reads_the_halls_paper_ballots_proxies_and_hidden_comments(client, world, steps):
    actions = listed_actions(client, world.official_a)
    assert all(step in actions for step in HALL_STEPS), actions


def test_the_staff_of_another_community_read_none_of_them(client, world, steps):
    actions = listed_actions(client, world.staff_b1)
    assert not any(step in actions for step in HALL_STEPS), actions


def test_a_step_is_anchored_to_the_halls_place(world, hall, steps):
    entry = StaffAction.objects.get(action="halls.hide_comment")
    assert (entry.place, entry.actor, entry.detail) == (hall.place, world.staff_a1, "含人身攻击")

"""
Objections, reviews and implementation tasks in four communities: a person of another community or
street sees and changes nothing of them — through the queryset twins, the predicates, the pages
and the admin — and every predicate agrees with its queryset twin.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.access.permissions import PERMISSION_ROLES
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.access.visibility import visible_to
from apps.halls.models import Objection, Review, Task, TaskEscalation, TaskRating, TaskUpdate, Topic
from apps.halls.procedure import TopicStatus
from apps.halls.services import hall_for
from tests.factories import UserFactory, person_with_role
from tests.scoping import assert_twin_agrees, objects_below

MODELS = [Objection, Review, Task, TaskUpdate, TaskRating, TaskEscalation]


def communities(world):
    return [world.community_a1, world.community_a2, world.community_b1, world.community_b2]


@pytest.fixture
def resolved(world):
    """In each community: a resolution under public notice with an objection, a review, and a done
    task with its timeline, a rating and an escalation. Returns the objects by community."""
    made = {}
    world.official_b = person_with_role(Role.STREET_OFFICIAL, place=world.street_b)
    for community in communities(world):
        hall = hall_for(community)
        resident = UserFactory()
        household = world.households(community)[0]
        role_grant(user=resident, role=Role.RESIDENT, place=household)
        official = world.official_a if community.path.startswith(world.street_a.path) else world.official_b
        topic = Topic.objects.create(
            hall=hall,
            title=f"{community.name}决议",
            body="…",
            raised_by=resident,
            status=TopicStatus.RESOLUTION_PUBLIC,
            notice_until=timezone.now() + timedelta(days=5),
        )
        objection = Objection.objects.create(topic=topic, author=resident, body="异议")
        Review.objects.create(topic=topic, reviewer=official, decision="returned", reason="补充")
        task = Task.objects.create(
            topic=topic,
            title="补种",
            unit="绿化队",
            assignee=resident,
            due_on=timezone.localdate(),
            created_by=official,
        )
        TaskUpdate.objects.create(task=task, author=official, note="设定", progress=0, status="planned")
        TaskRating.objects.create(task=task, user=resident, household=household, satisfaction="basic")
        TaskEscalation.objects.create(task=task, due_on=task.due_on, level=1)
        made[community.pk] = {"topic": topic, "objection": objection, "task": task, "resident": resident}
    return made


def personas(world, resolved):
    return [
        world.staff_a1,
        world.staff_a2,
        world.staff_b1,
        world.official_a,
        world.official_b,
        world.property_a1,
        world.outsider,
        resolved[world.community_a1.pk]["resident"],
    ]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_predicate_and_queryset_twin_agree_on_every_object(world, resolved, model):
    assert_twin_agrees(model, personas(world, resolved))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_their_own_and_nothing_of_other_communities(world, resolved, model):
    visible = set(visible_to(world.staff_a1, model.objects.all()).values_list("pk", flat=True))
    assert {obj.pk for obj in objects_below(model, world.community_a1)} <= visible
    for other in (world.community_a2, world.community_b1, world.community_b2):
        assert not visible & {obj.pk for obj in objects_below(model, other)}


@pytest.mark.parametrize("model", [Topic, *MODELS], ids=lambda m: m.__name__)
def test_no_one_changes_anything_of_another_community_or_street(world, resolved, model):
    perms = [p for p in PERMISSION_ROLES if p.startswith("halls.") and not p.startswith("halls.view_")]
    for person, others in [
        (world.staff_a1, (world.community_a2, world.community_b1)),
        (world.official_a, (world.community_b1, world.community_b2)),
        (resolved[world.community_a1.pk]["resident"], (world.community_a2, world.community_b1)),
    ]:
        for other in others:
            for obj in objects_below(model, other):
                for perm in perms:
                    assert not person.has_perm(perm, obj), (person, perm, obj)


def test_the_person_responsible_may_report_on_their_own_task_only(world, resolved):
    own = resolved[world.community_a1.pk]
    assert own["resident"].has_perm("halls.update_task", own["task"])
    assert not own["resident"].has_perm("halls.update_task", resolved[world.community_a2.pk]["task"])
    assert not own["resident"].has_perm("halls.add_task", own["topic"])


def test_the_pages_of_another_community_answer_not_found_and_change_nothing(client, world, resolved):
    own = resolved[world.community_a1.pk]
    actions = [
        ("halls:objection_file", own["topic"].pk, {"body": "外人异议", "submission_key": "1" * 32}),
        ("halls:objection_answer", own["objection"].pk, {"answer": "外人回答"}),
        ("halls:review_decide", own["topic"].pk, {"decision": "approved"}),
        (
            "halls:task_report",
            own["task"].pk,
            {"progress": "90", "note": "外人进度", "submission_key": "2" * 32},
        ),
        ("halls:task_rate", own["task"].pk, {"satisfaction": "unsatisfied"}),
    ]
    for person in (world.staff_a2, world.staff_b1, world.official_b, world.outsider):
        client.force_login(person)
        assert client.get(reverse("halls:topic", args=[own["topic"].pk])).status_code == 404
        for name, pk, data in actions:
            assert client.post(reverse(name, args=[pk]), data).status_code == 404, (person, name)
    assert Objection.objects.filter(topic=own["topic"]).count() == 1
    assert Review.objects.filter(topic=own["topic"]).count() == 1
    assert own["task"].updates.count() == 1 and own["task"].ratings.count() == 1
    own["objection"].refresh_from_db()
    assert own["objection"].answer == ""


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_lists_only_the_staff_members_own_community(client, world, resolved, model):
    client.force_login(world.staff_a1)
    url = reverse(f"admin:halls_{model._meta.model_name}_changelist")
    listed = {obj.pk for obj in client.get(url).context["cl"].result_list}
    assert listed == {obj.pk for obj in objects_below(model, world.community_a1)}


@pytest.mark.parametrize("model", [Objection, Task], ids=lambda m: m.__name__)
def test_the_admin_opens_no_object_of_another_community(client, world, resolved, model):
    other = objects_below(model, world.community_b1)[0]
    client.force_login(world.staff_a1)
    response = client.get(reverse(f"admin:halls_{model._meta.model_name}_change", args=[other.pk]))
    assert response.status_code in (302, 403, 404)
    response = client.post(
        reverse(f"admin:halls_{model._meta.model_name}_change", args=[other.pk]),
        {"answer": "越权", "title": "越权", "unit": "越权", "due_on": "2030-01-01"},
    )
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert "越权" not in (getattr(other, "answer", "") + getattr(other, "title", ""))


def test_the_admin_offers_only_the_street_officials_own_resolutions_for_review(client, world, resolved):
    for topic in Topic.objects.all():
        topic.hall.street_review = True
        topic.hall.save(update_fields=["street_review"])
    client.force_login(world.official_a)
    response = client.get(reverse("admin:halls_review_add"))
    offered = set(response.context["adminform"].form.fields["topic"].queryset)
    assert offered == {resolved[world.community_a1.pk]["topic"], resolved[world.community_a2.pk]["topic"]}
    other = resolved[world.community_b1.pk]["topic"]
    client.post(reverse("admin:halls_review_add"), {"topic": other.pk, "decision": "approved"})
    assert not Review.objects.filter(topic=other, decision="approved").exists()

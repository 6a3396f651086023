"""Staff and officials work on objections, reviews and tasks in the admin, through the services."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from apps.audit.models import StaffAction
from apps.halls.models import Review, Task
from apps.halls.resolutions.services import objection_file


def inlines_of(client, url) -> dict:
    """What the admin page posts for its read-only inlines: their management forms and row ids."""
    data = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        for number, form in enumerate(formset.forms):
            data[f"{formset.prefix}-{number}-id"] = form.instance.pk
            data[f"{formset.prefix}-{number}-task"] = form.instance.task_id
    return data


def test_staff_set_a_task_in_the_admin_and_its_timeline_starts(client, world, published):
    client.force_login(world.staff_a1)
    due = timezone.localdate() + timedelta(days=7)
    form = {"topic": published.pk, "title": "更换单元门", "unit": "物业公司", "due_on": due.isoformat()}
    response = client.post(
        reverse("admin:halls_task_add"), form | inlines_of(client, reverse("admin:halls_task_add"))
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.title, task.created_by, task.updates.count()) == ("更换单元门", world.staff_a1, 1)


def test_the_admin_refuses_a_task_without_anyone_responsible(client, world, published):
    client.force_login(world.staff_a1)
    due = timezone.localdate() + timedelta(days=7)
    form = {"topic": published.pk, "title": "更换单元门", "unit": "", "due_on": due.isoformat()}
    response = client.post(
        reverse("admin:halls_task_add"), form | inlines_of(client, reverse("admin:halls_task_add"))
    )
    assert response.status_code == 200 and not Task.objects.exists()
    assert response.context["adminform"].form.errors


def test_moving_a_deadline_in_the_admin_writes_it_on_the_timeline(client, world, task):
    client.force_login(world.staff_a1)
    due = task.due_on + timedelta(days=14)
    form = {"title": task.title, "unit": task.unit, "assignee": task.assignee_id, "due_on": due.isoformat()}
    form["reason"] = "苗木缺货"
    url = reverse("admin:halls_task_change", args=[task.pk])
    assert client.post(url, form | inlines_of(client, url)).status_code == 302
    task.refresh_from_db()
    assert task.due_on == due and "苗木缺货" in task.updates.last().note


def test_staff_answer_an_objection_in_the_admin(client, world, published, residents):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    client.force_login(world.staff_a1)
    url = reverse("admin:halls_objection_change", args=[objection.pk])
    assert client.post(url, {"answer": "已改为本地树种"}).status_code == 302
    objection.refresh_from_db()
    assert objection.answered_by == world.staff_a1
    assert StaffAction.objects.filter(action="halls.answer_objection").exists()


def test_the_street_official_reviews_in_the_admin(client, world, hall, published):
    hall.street_review = True
    hall.save(update_fields=["street_review"])
    client.force_login(world.official_a)
    form = {"topic": published.pk, "decision": "returned", "reason": ""}
    response = client.post(reverse("admin:halls_review_add"), form)
    assert response.status_code == 200 and not Review.objects.exists()
    form["reason"] = "未征求物业意见"
    assert client.post(reverse("admin:halls_review_add"), form).status_code == 302
    assert Review.objects.get().reviewer == world.official_a

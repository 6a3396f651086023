"""
The admin of what follows a resolution: objections answered, the street's reviews, implementation
tasks with their timelines, ratings and escalations. Lists are scoped by the permission model;
every write goes through the services, whose refusals show as form errors.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyMixin, ReadOnlyScopedAdmin, ScopedModelAdmin, ScopedTabularInline
from apps.access.visibility import visible_to

from ..models import Objection, Review, Task, TaskEscalation, TaskRating, TaskUpdate, Topic
from . import implementation
from . import services as publication


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["answer"]

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise ValidationError(_("Write the answer first; it is shown publicly under the objection."))
        return answer


@admin.register(Objection)
class ObjectionAdmin(ScopedModelAdmin):
    form = ObjectionForm
    list_display = ["topic", "author", "at", "answered_at"]
    list_filter = [("answered_at", admin.EmptyFieldListFilter)]
    list_select_related = ["topic", "author"]
    readonly_fields = ["topic", "author", "body", "at", "answered_by", "answered_at"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.answered_at:
            return False
        return request.user.has_perm("halls.answer_objection", obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        publication.objection_answer(objection=obj, by=request.user, answer=form.cleaned_data["answer"])


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["topic", "decision", "reason"]

    def clean(self):
        cleaned = super().clean()
        topic = cleaned.get("topic")
        if topic is not None and cleaned.get("decision"):
            refusal = publication.review_refusal(
                topic=topic, by=self.reviewer, decision=cleaned["decision"], reason=cleaned.get("reason", "")
            )
            if refusal:
                raise ValidationError(refusal)
        return cleaned


@admin.register(Review)
class ReviewAdmin(ScopedModelAdmin):
    form = ReviewForm
    list_display = ["topic", "decision", "reviewer", "at"]
    list_filter = ["decision"]
    list_select_related = ["topic", "reviewer"]

    def has_add_permission(self, request, *args):
        return request.user.has_perm("halls.review_topic")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_permission_on_save(self, request, obj, change):
        return request.user.has_perm("halls.review_topic", obj.topic)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.reviewer = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "topic":
            topics = publication.awaiting_review(Topic.objects.select_related("hall"))
            field.queryset = visible_to(request.user, topics, perm="halls.review_topic")
        return field

    def save_model(self, request, obj, form, change):
        review = publication.review_decide(
            topic=obj.topic, by=request.user, decision=obj.decision, reason=obj.reason
        )
        obj.pk = review.pk


class TaskUpdateInline(ReadOnlyMixin, ScopedTabularInline):
    model = TaskUpdate
    fields = ["at", "progress", "status", "note", "author"]
    readonly_fields = fields
    extra = 0


class TaskForm(forms.ModelForm):
    reason = forms.CharField(label=_("Why the deadline moves"), required=False)

    class Meta:
        model = Task
        fields = ["topic", "title", "description", "assignee", "unit", "due_on"]

    def clean(self):
        cleaned = super().clean()
        if "due_on" not in cleaned:
            return cleaned
        who_and_when = {name: cleaned.get(name) or default for name, default in WHO_AND_WHEN.items()}
        if self.instance.pk is not None:
            refusal = implementation.task_change_refusal(task=self.instance, **who_and_when)
        elif cleaned.get("topic") is not None:
            refusal = implementation.task_refusal(topic=cleaned["topic"], by=self.staff, **who_and_when)
        else:
            return cleaned
        if refusal:
            raise ValidationError(refusal)
        return cleaned


WHO_AND_WHEN = {"assignee": None, "unit": "", "due_on": None}


@admin.register(Task)
class TaskAdmin(ScopedModelAdmin):
    form = TaskForm
    list_display = ["title", "topic", "assignee", "unit", "due_on", "progress", "status", "escalation_level"]
    list_filter = ["status", "escalation_level"]
    list_select_related = ["topic", "assignee"]
    search_fields = ["title", "unit"]
    inlines = [TaskUpdateInline]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["progress", "status", "escalation_level", "created_by", "created_at", "done_at"]
        return [*fixed, "topic"] if obj is not None else fixed

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.staff = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "topic":
            taskable = Topic.objects.filter(status__in=implementation.TASKABLE)
            field.queryset = visible_to(request.user, taskable, perm="halls.add_task")
        return field

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in implementation.CHANGEABLE}
        if change:
            implementation.task_change(
                task=obj, by=request.user, reason=form.cleaned_data["reason"], **fields
            )
            return
        task = implementation.task_create(topic=form.cleaned_data["topic"], by=request.user, **fields)
        obj.pk = task.pk


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ReadOnlyScopedAdmin):
    list_display = ["task", "progress", "status", "author", "at"]
    list_select_related = ["task", "author"]


@admin.register(TaskRating)
class TaskRatingAdmin(ReadOnlyScopedAdmin):
    list_display = ["task", "satisfaction", "household", "at"]
    list_filter = ["satisfaction"]
    list_select_related = ["task", "household"]


@admin.register(TaskEscalation)
class TaskEscalationAdmin(ReadOnlyScopedAdmin):
    list_display = ["task", "due_on", "level", "created_at"]
    list_filter = ["level"]
    list_select_related = ["task"]

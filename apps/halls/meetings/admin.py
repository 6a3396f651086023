"""Staff manage meetings and household representatives in the admin, scoped like the rest of the halls."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin, ScopedTabularInline
from apps.core.refusals import refusal_message

from ..models import (
    AgendaItem,
    Attendance,
    HouseholdRepresentative,
    Invitation,
    Meeting,
    MeetingAttachment,
    Minutes,
    MinutesApproval,
    Registration,
)
from ..votes.services import council_members
from . import representatives
from . import services as meetings
from .forms import MeetingCancelForm


class AgendaItemInline(ScopedTabularInline):
    model = AgendaItem
    extra = 1
    fields = ["position", "topic"]


class AttachmentInline(ScopedTabularInline):
    model = MeetingAttachment
    extra = 0
    fields = ["title", "file"]


class MeetingForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        proposed = Meeting(starts_at=data.get("starts_at"))
        if self.instance._state.adding and (problem := meetings.schedule_problem(proposed)):
            self.add_error("starts_at", problem)
        return data


class RepresentativeForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("hall", "household", "user")):
            problem = representatives.representative_problem(
                hall=data["hall"], household=data["household"], user=data["user"]
            )
            if problem:
                raise forms.ValidationError(problem)
        return data


@admin.register(Meeting)
class MeetingAdmin(ScopedModelAdmin):
    form = MeetingForm
    list_display = ["title", "hall", "starts_at", "venue", "capacity", "status", "attendees"]
    list_filter = ["status"]
    list_select_related = ["hall"]
    search_fields = ["title"]
    inlines = [AgendaItemInline, AttachmentInline]
    readonly_fields = [
        "status",
        "opened_at",
        "closed_at",
        "attendees",
        "cancelled_at",
        "cancel_reason",
        "created_by",
    ]
    actions = ["invite_council", "open_selected", "close_selected", "cancel_selected"]

    def save_model(self, request, obj, form, change):
        if change:
            meetings.meeting_update(meeting=obj, by=request.user)
        else:
            meetings.meeting_schedule(meeting=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, MeetingAttachment) and instance.uploaded_by_id is None:
                instance.uploaded_by = request.user
            instance.full_clean()
            instance.save()
        for gone in formset.deleted_objects:
            gone.delete()

    @admin.action(description=_("Invite the hall's council members"))
    def invite_council(self, request, queryset):
        for meeting in queryset.select_related("hall__place"):
            self._try(
                request,
                meeting,
                lambda m: meetings.meeting_invite(meeting=m, users=council_members(m.hall), by=request.user),
            )

    @admin.action(description=_("Open: sign-in starts"))
    def open_selected(self, request, queryset):
        for meeting in queryset:
            self._try(request, meeting, lambda m: meetings.meeting_open(meeting=m, by=request.user))

    @admin.action(description=_("Close: the attendance list becomes final"))
    def close_selected(self, request, queryset):
        for meeting in queryset:
            self._try(request, meeting, lambda m: meetings.meeting_close(meeting=m, by=request.user))

    @admin.action(description=_("Cancel, giving the reason: those registered are told"))
    def cancel_selected(self, request, queryset):
        """First a page asking for the reason, then each selected meeting cancelled through the service."""
        if not queryset.exists():  # only ids of meetings out of the person's reach were posted
            self.message_user(
                request, _("None of the selected meetings was found: none is cancelled."), messages.ERROR
            )
            return None
        form = MeetingCancelForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Cancel meetings"),
                "meetings": queryset.select_related("hall"),
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/halls/meeting/cancel.html", context)

        def cancel(meeting):
            meetings.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])

        cancelled = sum(self._try(request, meeting, cancel) for meeting in queryset)
        if cancelled:
            self.message_user(
                request,
                ngettext("%(count)d meeting cancelled.", "%(count)d meetings cancelled.", cancelled)
                % {"count": cancelled},
                messages.SUCCESS,
            )
        return None

    def _try(self, request, meeting, action) -> bool:
        try:
            action(meeting)
        except (PermissionDenied, ValidationError) as refused:
            messages.error(request, f"{meeting}: {refusal_message(refused)}")
            return False
        return True


@admin.register(MeetingAttachment)
class MeetingAttachmentAdmin(ScopedModelAdmin):
    list_display = ["title", "meeting", "uploaded_by", "at"]
    list_select_related = ["meeting", "uploaded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyScopedAdmin):
    list_display = ["meeting", "user", "status", "queued_at"]
    list_filter = ["status"]
    list_select_related = ["meeting", "user"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyScopedAdmin):
    list_display = ["meeting", "user", "method", "signed_in_by", "at"]
    list_filter = ["method"]
    list_select_related = ["meeting", "user", "signed_in_by"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyScopedAdmin):
    list_display = ["meeting", "user", "invited_by", "at"]
    list_select_related = ["meeting", "user", "invited_by"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyScopedAdmin):
    list_display = ["meeting", "status", "version", "written_by", "submitted_at", "published_at"]
    list_filter = ["status"]
    list_select_related = ["meeting", "written_by"]


@admin.register(MinutesApproval)
class MinutesApprovalAdmin(ReadOnlyScopedAdmin):
    list_display = ["minutes", "version", "user", "approved", "note", "at"]
    list_select_related = ["minutes", "user"]


@admin.register(HouseholdRepresentative)
class HouseholdRepresentativeAdmin(ScopedModelAdmin):
    form = RepresentativeForm
    list_display = ["household", "user", "hall", "named_by", "at"]
    list_select_related = ["household", "user", "hall", "named_by"]
    raw_id_fields = ["household", "user"]
    readonly_fields = ["named_by", "at"]

    def save_model(self, request, obj, form, change):
        named = representatives.representative_name(
            hall=obj.hall, household=obj.household, user=obj.user, by=request.user
        )
        obj.pk, obj._state.adding = named.pk, False

    def delete_model(self, request, obj):
        representatives.representative_remove(representative=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for representative in queryset:
            self.delete_model(request, representative)

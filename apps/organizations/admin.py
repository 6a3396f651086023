"""Staff register organizations (file, refuse, activate, suspend, dissolve with reasons), see
applications, activities, campaigns, and hand over rewards; every list scoped by the permission model."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin, ScopedTabularInline
from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from .lifecycle import STEPS, steps_from
from .models import (
    Activity,
    Application,
    Campaign,
    Certificate,
    CheckIn,
    HoursCorrection,
    Organization,
    RewardClaim,
    RewardTier,
    StatusChange,
)
from .services.campaigns import reward_redeem
from .services.certificates import certificate_withdraw
from .services.membership import membership_decide
from .services.registry import organization_transition


class StatusChangeInline(ScopedTabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "from_status", "to_status", "reason", "actor"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


@admin.register(Organization)
class OrganizationAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "category", "place", "parent", "status", "created_at"]
    list_filter = ["kind", "category", "status"]
    list_select_related = ["place", "parent"]
    search_fields = ["name", "contact"]
    readonly_fields = ["status", "status_reason", "applicant", "created_at", "registration_steps"]
    fields = [
        "name",
        "kind",
        "category",
        "place",
        "parent",
        "description",
        "contact",
        "status",
        "status_reason",
        "registration_steps",
        "applicant",
        "created_at",
    ]
    inlines = [StatusChangeInline]
    actions = ["file_selected", "activate_selected"]

    def get_urls(self):
        step = self.admin_site.admin_view(self.step_view)
        return [
            path("<int:pk>/step/<str:step>/", step, name="organizations_organization_step"),
            *super().get_urls(),
        ]

    @admin.display(description=_("registration"))
    def registration_steps(self, organization):
        if not organization.pk:
            return "-"
        links = [
            (reverse("admin:organizations_organization_step", args=[organization.pk, s.name]), s.label)
            for s in steps_from(organization.status)
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links) or "-"

    def step_view(self, request, pk: int, step: str):
        organization = get_visible_or_404(request.user, Organization.objects.all(), pk=pk)
        definition = STEPS.get(step)
        if definition is None or not request.user.has_perm(definition.permission, organization):
            raise PermissionDenied
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                organization_transition(
                    organization=organization,
                    step=step,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Done: %(step)s") % {"step": definition.label}, messages.SUCCESS)
                return redirect("admin:organizations_organization_change", organization.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "organization": organization,
            "step": definition,
            "form": form,
            "title": f"{definition.label}: {organization}",
        }
        return TemplateResponse(request, "organizations/admin_step.html", context)

    def _apply(self, request, queryset, step: str):
        done = 0
        for organization in queryset:
            try:
                organization_transition(organization=organization, step=step, actor=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{organization}: {refusal_message(error)}", messages.WARNING)
        self.message_user(request, _("%(count)d changed.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("File (备案) the selected applications"))
    def file_selected(self, request, queryset):
        self._apply(request, queryset, "file")

    @admin.action(description=_("Activate the selected organizations"))
    def activate_selected(self, request, queryset):
        self._apply(request, queryset, "activate")


@admin.register(Application)
class ApplicationAdmin(ScopedModelAdmin):
    list_display = ["user", "organization", "role", "status", "created_at", "decided_by"]
    list_filter = ["status", "role"]
    list_select_related = ["user", "organization", "decided_by"]
    readonly_fields = ["organization", "user", "role", "note", "status", "reason", "decided_by", "decided_at"]
    actions = ["approve_selected"]

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("Approve the selected applications"))
    def approve_selected(self, request, queryset):
        for application in queryset.filter(status=Application.Status.APPLIED):
            try:
                membership_decide(application=application, actor=request.user, approve=True)
            except PermissionDenied:
                self.message_user(request, f"{application}: {_('You cannot do this.')}", messages.WARNING)


@admin.register(Activity)
class ActivityAdmin(ScopedModelAdmin):
    list_display = [
        "title",
        "organization",
        "kind",
        "starts_at",
        "venue",
        "capacity",
        "people_served",
        "links",
    ]
    list_filter = ["kind", "audience"]
    list_select_related = ["organization"]
    search_fields = ["title", "venue", "organization__name"]
    readonly_fields = ["cancelled_at", "hours_confirmed_at", "created_by", "created_at"]
    date_hierarchy = "starts_at"

    @admin.display(description=_("pages"))
    def links(self, activity):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("organizations:code", args=[activity.pk]),
            _("check-in code"),
            reverse("organizations:attendance", args=[activity.pk]),
            _("attendance"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(HoursCorrection)
class HoursCorrectionAdmin(ScopedModelAdmin):
    list_display = ["signup", "previous", "hours", "reason", "actor", "at"]
    list_select_related = ["signup__user", "signup__activity", "actor"]

    def has_add_permission(self, request, *args):
        return False


class RewardTierInline(admin.TabularInline):
    model = RewardTier
    extra = 3


@admin.register(Campaign)
class CampaignAdmin(ScopedModelAdmin):
    list_display = ["title", "organization", "starts_on", "ends_on", "rule", "links"]
    list_select_related = ["organization"]
    inlines = [RewardTierInline]

    @admin.display(description=_("pages"))
    def links(self, campaign):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("organizations:station", args=[campaign.pk]),
            _("station code"),
            reverse("organizations:campaign_confirm", args=[campaign.pk]),
            _("confirm check-ins"),
        )


@admin.register(CheckIn)
class CheckInAdmin(ScopedModelAdmin):
    list_display = ["user", "campaign", "day", "at", "confirmed_by"]
    list_filter = ["day"]
    list_select_related = ["user", "campaign", "confirmed_by"]

    def has_add_permission(self, request, *args):
        return False


@admin.register(RewardClaim)
class RewardClaimAdmin(ScopedModelAdmin):
    list_display = ["user", "tier", "claimed_at", "redeemed_at", "redeemed_by"]
    list_filter = [("redeemed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "tier__campaign", "redeemed_by"]
    readonly_fields = ["tier", "user", "claimed_at", "redeemed_at", "redeemed_by"]
    actions = ["redeem_selected"]

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("Hand over the selected rewards"))
    def redeem_selected(self, request, queryset):
        for claim in queryset:
            try:
                reward_redeem(claim=claim, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{claim}: {refusal_message(error)}", messages.WARNING)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "user", "organization", "hours", "first_day", "last_day", "withdrawn_at"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__display_name", "organization__name"]
    readonly_fields = ["withdraw", *list_display[1:], "withdrawn_reason"]
    fields = readonly_fields

    def get_urls(self):
        withdraw = self.admin_site.admin_view(self.withdraw_view)
        return [
            path("<int:pk>/withdraw/", withdraw, name="organizations_certificate_withdraw"),
            *super().get_urls(),
        ]

    @admin.display(description=_("withdraw"))
    def withdraw(self, certificate):
        if certificate.withdrawn_at:
            return "-"
        url = reverse("admin:organizations_certificate_withdraw", args=[certificate.pk])
        return format_html('<a href="{}">{}</a>', url, _("Withdraw the certificate"))

    def withdraw_view(self, request, pk: int):
        certificate = get_visible_or_404(
            request.user, Certificate.objects.all(), perm="organizations.withdraw_certificate", pk=pk
        )
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                certificate_withdraw(
                    certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error("reason", error.messages)
            else:
                self.message_user(request, _("The certificate is withdrawn."), messages.SUCCESS)
                return redirect("admin:organizations_certificate_change", certificate.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "certificate": certificate,
            "form": form,
            "title": _("Withdraw certificate %(number)s") % {"number": certificate.number},
        }
        return TemplateResponse(request, "organizations/admin_withdraw.html", context)

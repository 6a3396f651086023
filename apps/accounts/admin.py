"""Staff verify residencies and look up the people of their places."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ScopedAdminMixin, ScopedModelAdmin
from apps.places.selectors import place_label, place_labels

from .models import Residency, User
from .phones import masked
from .services import residency_refuse, residency_verify


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["__str__", "masked_phone", "email", "date_joined"]
    search_fields = ["display_name", "phone", "email"]
    ordering = ["-date_joined"]
    list_filter = ["is_active"]
    fieldsets = [
        (None, {"fields": ["display_name", "phone", "phone_verified", "email"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    @admin.display(description=_("mobile number"))
    def masked_phone(self, user):
        return masked(user.phone) if user.phone else ""

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.fieldsets


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("decision"),
        required=False,
        choices=[("", "—"), ("verify", _("Verify")), ("refuse", _("Refuse"))],
    )

    class Meta:
        model = Residency
        fields = ["reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the claim is refused; the resident will see it."))
        return cleaned


@admin.register(Residency)
class ResidencyAdmin(ScopedModelAdmin):
    form = DecisionForm
    list_display = ["user", "household_label", "relation", "status", "created_at"]
    list_filter = ["status", "relation"]
    list_select_related = ["user", "household"]
    search_fields = ["user__display_name", "user__phone", "household__name"]
    readonly_fields = ["user", "household_label", "relation", "proof", "status", "decided_by", "decided_at"]
    fields = [*readonly_fields, "decision", "reason"]
    actions = ["verify_selected"]

    def has_add_permission(self, request, *args):
        return False  # residents claim from their own pages

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        labels = place_labels([r.household for r in changelist.result_list])
        for residency in changelist.result_list:  # on the rows, not on the admin shared by all requests
            residency.household_label_text = labels[residency.household_id]
        return changelist

    @admin.display(description=_("household"))
    def household_label(self, residency):
        return getattr(residency, "household_label_text", None) or place_label(residency.household)

    @admin.action(description=_("Verify the selected claims"))
    def verify_selected(self, request, queryset):
        done = 0
        for residency in queryset.filter(status=Residency.Status.CLAIMED).select_related("household"):
            try:
                residency_verify(residency=residency, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError):
                continue
        self.message_user(request, _("%(count)d claims verified.") % {"count": done}, messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        try:
            if decision == "verify":
                residency_verify(residency=obj, by=request.user)
            elif decision == "refuse":
                residency_refuse(residency=obj, by=request.user, reason=form.cleaned_data.get("reason", ""))
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)

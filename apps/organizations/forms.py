from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.media import photo_extensions
from apps.places.models import Place, PlaceKind

from .models import Activity, Application, Organization


class OrganizationApplyForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "category", "place", "description", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(kind=PlaceKind.COMMUNITY).order_by("path")
        self.fields["place"].label = _("Community")
        self.fields["category"].required = True
        self.fields["category"].choices = Organization.Category.choices


class JoinForm(forms.Form):
    role = forms.ChoiceField(label=_("Join as"), choices=Application.Role.choices)
    note = forms.CharField(
        label=_("A word to the leaders"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "venue",
            "starts_at",
            "ends_at",
            "capacity",
            "waitlist",
            "audience",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }


class HoursCorrectionForm(forms.Form):
    signup = forms.IntegerField(widget=forms.HiddenInput)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=24, decimal_places=2)
    reason = forms.CharField(label=_("Reason"))


class PeopleServedForm(forms.Form):
    people_served = forms.IntegerField(label=_("People served"), min_value=0)


class CampaignCheckInForm(forms.Form):
    photo = forms.ImageField(label=_("Photo"), required=False, validators=[photo_extensions])
    code = forms.CharField(label=_("Station code"), required=False, max_length=32)


class VolunteerConfirmForm(forms.Form):
    phone = forms.CharField(label=_("The resident's mobile number"), max_length=20)

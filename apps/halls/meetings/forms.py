from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.adapter import MainlandMobileField


class SignInForm(forms.Form):
    """Staff sign someone in: a registered person, or anyone of the hall by mobile number."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    phone = MainlandMobileField(label=_("Mobile number"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("phone"):
            raise forms.ValidationError(_("Choose someone registered or enter a mobile number."))
        return data


class MinutesForm(forms.Form):
    body = forms.CharField(label=_("Minutes"), max_length=20000, widget=forms.Textarea(attrs={"rows": 14}))


class MinutesAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("approve", _("I approve these minutes")), ("object", _("Something is wrong in them"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What is wrong (if anything)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        help_text=_("Shown on the meeting's page and sent to everyone registered."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

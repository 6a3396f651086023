from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Residency, User


class ResidencyClaimForm(forms.Form):
    relation = forms.ChoiceField(label=_("You are"), choices=Residency.Relation.choices)
    proof = forms.CharField(
        label=_("Proof"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=Residency._meta.get_field("proof").help_text,
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]


class LoginForm(allauth_forms.LoginForm):
    """Sign-in by mobile number first (most residents have no e-mail address), e-mail still accepted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number (or e-mail)")
        login.widget.attrs.update({"autocomplete": "tel", "placeholder": "138 0000 0000"})


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    """A sign-in code by text message (or e-mail): one of the two must be given."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not cleaned_data.get("phone") and not cleaned_data.get("email"):
            raise forms.ValidationError(_("Enter the mobile number you signed up with."))
        return cleaned_data

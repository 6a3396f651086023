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

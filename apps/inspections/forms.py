"""The inspector's form: pass or fail for each standard of the point's checklist, photos, a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.photo_fields import PHOTOS_LABEL, MultipleImageField, ProcessedPhotosMixin

VERDICT_CHOICES = [("pass", _("Pass")), ("fail", _("Fail"))]


class InspectionForm(ProcessedPhotosMixin, forms.Form):
    photos_refused_hint = _("Your verdicts are kept; attach the photos again.")

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleImageField(label=PHOTOS_LABEL, required=False)

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        verdicts = {
            f"standard_{s.pk}": forms.ChoiceField(
                label=s.text, choices=VERDICT_CHOICES, widget=forms.RadioSelect
            )
            for s in self.standards
        }
        self.fields = {"submission_key": self.fields["submission_key"], **verdicts, **self._rest()}

    def _rest(self) -> dict:
        return {name: self.fields[name] for name in ("note", "photos")}

    def verdicts(self) -> dict[int, bool]:
        return {s.pk: self.cleaned_data[f"standard_{s.pk}"] == "pass" for s in self.standards}

    def clean(self):
        cleaned = super().clean()
        failed = any(cleaned.get(f"standard_{s.pk}") == "fail" for s in self.standards)
        if failed and not cleaned.get("photos") and not self.errors.get("photos"):
            self.add_error("photos", _("A failed point needs at least one photo."))
        return cleaned


class NoticeStepForm(ProcessedPhotosMixin, forms.Form):
    """The unit's rectification (note and photos), or a re-inspection that passes or returns."""

    kind = forms.ChoiceField()  # the button pressed
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleImageField(label=PHOTOS_LABEL, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, kind) for kind in kinds]


class NoticeFilterForm(forms.Form):
    """Which notices a list shows: those of a place and below, issued between two days, or of a point."""

    place = forms.IntegerField(label=_("Place"), required=False, min_value=1)
    point = forms.IntegerField(label=_("Point"), required=False, min_value=1)
    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if bool(since) != bool(until):
            raise forms.ValidationError(_("Give both days of the period, or neither."))
        if since and until and since > until:
            raise forms.ValidationError(_("The period must start before it ends."))
        return data

"""The forms of 双向督办 and 每月一题 worked: a unit's reply to a ledger line, the street closing it,
the topic's lead unit and measures."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.photo_fields import PHOTOS_LABEL, MultipleImageField, ProcessedPhotosMixin


class LineAnswerForm(ProcessedPhotosMixin, forms.Form):
    photos_refused_hint = _("Your reply is kept; attach the photos again.")

    position = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    measures = forms.CharField(
        label=_("Measures taken"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(label=_("Done by"), widget=forms.DateInput(attrs={"type": "date"}))
    photos = MultipleImageField(label=PHOTOS_LABEL, required=False)


class LineCloseForm(forms.Form):
    position = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label=_("Closing note"), required=False, max_length=2000)


class LeadForm(forms.Form):
    lead_unit = forms.CharField(label=_("Lead unit"), max_length=120)


class MeasureForm(forms.Form):
    text = forms.CharField(label=_("Measure"), max_length=200)
    due_on = forms.DateField(
        label=_("Done by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ProgressForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

"""Forms of the public notice, the street's review and the implementation tasks."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.photo_fields import PHOTOS_LABEL, MultipleImageField, ProcessedPhotosMixin

from ..models import Review
from ..models.implementation import Satisfaction


class ObjectionForm(forms.Form):
    body = forms.CharField(
        label=_("Your objection"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer (shown publicly)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Review.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to file, return or approve the resolution.")},
    )
    reason = forms.CharField(
        label=_("Reason (needed to return it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgressForm(ProcessedPhotosMixin, forms.Form):
    photos_refused_hint = _("Your text is kept; attach the photos again.")

    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Progress is a percentage between 0 and 100."),
            "max_value": _("Progress is a percentage between 0 and 100."),
        },
    )
    note = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = MultipleImageField(label=PHOTOS_LABEL, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("How satisfied are you with the result?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are.")},
    )
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=500)

from django import forms
from django.utils.translation import gettext_lazy as _


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(
        label=_("What should be decided, and why"), widget=forms.Textarea(attrs={"rows": 5})
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

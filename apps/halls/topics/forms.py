from django import forms
from django.utils.translation import gettext_lazy as _


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(
        label=_("What should be decided, and why"), widget=forms.Textarea(attrs={"rows": 5})
    )
    raise_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def from_post(cls, data) -> "CommentForm":
        """The topic page has one comment form: a reply names its comment (`parent`) and is written in
        that comment's own box, `reply-<id>`."""
        parent = data.get("parent")
        if parent and f"reply-{parent}" in data:
            return cls({"body": data[f"reply-{parent}"], "parent": parent})
        return cls(data)

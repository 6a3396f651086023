"""`get_<field>_display` from each field's labels gathered once.

Django gathers a field's choices into a dict at every call, and hashing each lazy label translates
it: a page that shows a status per row translated every status of every row."""

from functools import cache

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class KeptChoiceLabels:
    """Put before `models.Model` among a model's bases."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels_of(field).get(make_hashable(value), value), strings_only=True)


@cache
def _labels_of(field) -> dict:
    """The field's labels by value, still lazy: each is translated when shown."""
    return dict(make_hashable(field.flatchoices))

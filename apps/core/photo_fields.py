"""Form fields taking several photos, cleaned to re-encoded photos (apps/core/photos.py)."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext

from .photos import MAX_PHOTOS, PhotoRejected, accept_photo, check_photo_count, process_photo


def _photos_label() -> str:
    return gettext("Photos (up to %(count)d)") % {"count": MAX_PHOTOS}


# in the reader's language: formatting a lazy string at import would fix it in the language of the moment
PHOTOS_LABEL = lazy(_photos_label, str)()


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleImageInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class ProcessedPhotosMixin:
    """A form's `photos` field cleaned to re-encoded photos, or refused with the reasons and
    `photos_refused_hint`."""

    photos_refused_hint = ""
    photo_cleaning = staticmethod(process_photo)

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        try:
            check_photo_count(files)
            return [self.photo_cleaning(f) for f in files]
        except PhotoRejected as refused:
            hint = [self.photos_refused_hint] if self.photos_refused_hint else []
            raise forms.ValidationError([*refused.messages, *hint]) from refused


class AcceptedPhotosMixin(ProcessedPhotosMixin):
    """A form's `photos` field checked on arrival and re-encoded later, off the request."""

    photo_cleaning = staticmethod(accept_photo)

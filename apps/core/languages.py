"""A translated field (django-modeltranslation) as one SQL column, for queries that name columns
themselves (a union, an annotation): the active language's value, else its fallbacks' in order."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.manager import MultilingualQuerySet
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def in_language(model, field: str):
    descriptor = model.__dict__.get(field)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return F(field)
    languages = resolution_order(get_language(), descriptor.fallback_languages)
    columns = [build_localized_fieldname(field, language) for language in languages]
    return Coalesce(*(NullIf(column, Value("")) for column in columns), Value(""), output_field=CharField())


def as_named(queryset):
    """The queryset selecting its values in the order named: modeltranslation picks an order of its own
    for a translated model, and a union joins columns by position."""
    return queryset.rewrite(False) if isinstance(queryset, MultilingualQuerySet) else queryset

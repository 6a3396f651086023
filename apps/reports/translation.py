"""The category catalogue's text in each language of the site (django-modeltranslation): `name` and
`guidance` read the active language's column, falling back to Chinese. Keywords stay Chinese: they
teach the suggester the words residents write."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "guidance")

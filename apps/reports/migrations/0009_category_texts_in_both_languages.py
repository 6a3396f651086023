"""The categories' Chinese moves to its own columns, and the catalogue's categories get their English."""

from django.db import migrations
from django.db.models import F, Q

from apps.reports.catalog import CATALOG


def english_of_the_catalogue() -> dict[str, tuple[str, str]]:
    english = {major.code: (major.name_en, major.description_en) for major in CATALOG}
    for major in CATALOG:
        english |= {minor.code: (minor.name_en, minor.guidance_en) for minor in major.children}
    return english


def forwards(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    Category.objects.filter(name_zh_hans__isnull=True).update(name_zh_hans=F("name"))
    Category.objects.filter(guidance_zh_hans__isnull=True).update(guidance_zh_hans=F("guidance"))
    without_english = Category.objects.filter(Q(name_en__isnull=True) | Q(name_en=""))
    for code, (name_en, guidance_en) in english_of_the_catalogue().items():
        without_english.filter(code=code).update(name_en=name_en, guidance_en=guidance_en)


def backwards(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    Category.objects.exclude(name_zh_hans__isnull=True).update(name=F("name_zh_hans"))
    Category.objects.exclude(guidance_zh_hans__isnull=True).update(guidance=F("guidance_zh_hans"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_category_translations")]

    operations = [migrations.RunPython(forwards, backwards)]

"""Every street gets the departments its categories route reports to — the five every street office
has and any other a category names — so routing a report only reads them. Idempotent."""

from django.db import migrations

STREET_DEPARTMENTS = ("城市管理办公室", "平安建设办公室", "社区建设办公室", "民生保障办公室", "综合行政执法队")


def departments_create(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    Department = apps.get_model("places", "Department")
    Category = apps.get_model("reports", "Category")
    named = Category.objects.filter(handler="street").exclude(street_department="")
    names = sorted({*STREET_DEPARTMENTS, *named.values_list("street_department", flat=True)})
    for street in Place.objects.filter(kind="street").iterator():
        Department.objects.bulk_create(
            [Department(place=street, name=name, kind="street") for name in names], ignore_conflicts=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0002_departments"),
        ("reports", "0014_joined_units_and_report_in"),
    ]

    operations = [migrations.RunPython(departments_create, migrations.RunPython.noop)]

"""A report handled by a street department points to the department (a unit with staff) instead of
naming it: each street's departments are made from the names its reports carried."""

import django.db.models.deletion
from django.db import migrations, models

STREET_DEPTH = 2
STEP = 4


def departments_from_names(apps, schema_editor):
    report_model = apps.get_model("reports", "Report")
    department_model = apps.get_model("places", "Department")
    place_model = apps.get_model("places", "Place")
    named = report_model.objects.exclude(street_department="")
    pairs = named.values_list("place__path", "street_department").distinct()
    for street_path, name in sorted({(path[: STEP * STREET_DEPTH], name) for path, name in pairs}):
        street = place_model.objects.get(path=street_path)
        department, _ = department_model.objects.get_or_create(
            place=street, name=name, defaults={"kind": "street"}
        )
        named.filter(place__path__startswith=street_path, street_department=name).update(
            department=department
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0002_departments"),
        ("reports", "0009_category_texts_in_both_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="places.department",
                verbose_name="department",
            ),
        ),
        migrations.RunPython(departments_from_names, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="report", name="street_department"),
    ]

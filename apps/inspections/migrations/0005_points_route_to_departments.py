"""Points and notices name their street department by `places.Department`, as reports do: each name
written on a point or notice becomes (or finds) the department of that name in the point's street."""

import django.db.models.deletion
from django.db import migrations, models

STEPLEN, STREET_DEPTH = 4, 2  # places' materialized path: 4 characters a level; a street is level 2


def names_to_departments(apps, schema_editor):
    Department = apps.get_model("places", "Department")
    Place = apps.get_model("places", "Place")
    for model_name in ("InspectionPoint", "Notice"):
        model = apps.get_model("inspections", model_name)
        place = "place__path" if model_name == "InspectionPoint" else "point__place__path"
        named = model.objects.exclude(street_department="").values_list("street_department", place)
        for name, path in set(named):
            street = Place.objects.get(path=path[: STEPLEN * STREET_DEPTH])
            department, _ = Department.objects.get_or_create(
                place=street, name=name, defaults={"kind": "street"}
            )
            model.objects.filter(street_department=name, **{f"{place}__startswith": street.path}).update(
                department=department
            )


def departments_to_names(apps, schema_editor):
    for model_name in ("InspectionPoint", "Notice"):
        model = apps.get_model("inspections", model_name)
        for department in {row.department for row in model.objects.filter(department__isnull=False)}:
            model.objects.filter(department=department).update(street_department=department.name)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0004_round_on_inspections_and_notices"),
        ("places", "0002_departments"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspectionpoint",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inspection_points",
                to="places.department",
                verbose_name="street department",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inspection_notices",
                to="places.department",
                verbose_name="street department",
            ),
        ),
        migrations.RunPython(names_to_departments, departments_to_names),
    ]

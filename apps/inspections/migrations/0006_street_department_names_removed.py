"""A street department is `department` (places.Department) on points and notices; the names go. Apart
from the filling before it: PostgreSQL refuses to alter a table with the filling's deferred checks
pending."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0005_points_route_to_departments"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="inspectionpoint",
            name="inspections_point_street_names_department",
        ),
        migrations.AddConstraint(
            model_name="inspectionpoint",
            constraint=models.CheckConstraint(
                condition=models.Q(("handler_kind", "street"), _negated=True)
                | models.Q(("department__isnull", False)),
                name="inspections_point_street_names_department",
            ),
        ),
        migrations.RemoveField(model_name="inspectionpoint", name="street_department"),
        migrations.RemoveField(model_name="notice", name="street_department"),
    ]

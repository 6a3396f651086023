from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("halls", "0011_audit_entries_to_staff_actions")]

    operations = [migrations.DeleteModel(name="AuditEntry")]

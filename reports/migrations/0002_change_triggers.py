from django.db import migrations

from reports import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_report_parts"),
        ("transitions", "0012_transition_lead_dates"),
        ("participants", "0002_reference_data"),
        ("offices", "0001_initial"),
    ]

    operations = [migrations.RunPython(triggers.create, migrations.RunPython.noop)]

# Each partner keeps their own view of how a reconnection went. The one outcome recorded so far
# becomes its recorder's view, word for word; one whose recorder deleted their account went with
# that account, as their view does from now on. Check-ins made so far were made when they were created.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def views_from_outcomes(apps, schema_editor):
    Reconnection = apps.get_model("breaks", "Reconnection")
    Outcome = apps.get_model("breaks", "Outcome")
    CheckIn = apps.get_model("breaks", "CheckIn")
    CheckIn.objects.update(checked_at=models.F("created_at"))
    recorded = Reconnection.objects.filter(recorded_at__isnull=False, recorded_by__isnull=False)
    Outcome.objects.bulk_create(
        Outcome(
            reconnection_id=r.pk,
            person_id=r.recorded_by_id,
            timing=r.timing,
            repair=r.repair,
            next_talk_at=r.next_talk_at,
            recorded_at=r.recorded_at,
        )
        for r in recorded.iterator()
    )


def outcomes_from_views(apps, schema_editor):
    # Going back keeps the first view recorded: the one outcome there was before.
    Reconnection = apps.get_model("breaks", "Reconnection")
    Outcome = apps.get_model("breaks", "Outcome")
    for view in Outcome.objects.order_by("-recorded_at").iterator():
        Reconnection.objects.filter(pk=view.reconnection_id).update(
            timing=view.timing,
            repair=view.repair,
            next_talk_at=view.next_talk_at,
            recorded_by_id=view.person_id,
            recorded_at=view.recorded_at,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('breaks', '0002_encrypt_private_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='checkin',
            name='checked_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name='checkin',
            name='go_on_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='breath_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='more_times',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='more_until',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='not_quite_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='said_back_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='reconnection',
            name='settling_since',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='reconnection',
            name='step',
            field=models.CharField(choices=[('check_in', 'Check in'), ('settle', 'Settling first'), ('first_turn', 'First turn'), ('second_turn', 'Second turn'), ('own_way', 'Your own way'), ('try', 'One thing to try'), ('outcome', 'How it went'), ('done', 'Done')], default='check_in', max_length=20),
        ),
        migrations.CreateModel(
            name='Outcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('timing', models.CharField(choices=[('on_time', 'Back on time'), ('late', 'Back late'), ('not_yet', 'Not back yet')], max_length=10)),
                ('repair', models.CharField(choices=[('repaired', 'Repaired'), ('partly', 'Partly'), ('not_yet', 'Not yet')], max_length=10)),
                ('next_talk_at', models.DateTimeField(blank=True, null=True)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reconnection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outcomes', to='breaks.reconnection')),
            ],
            options={
                'ordering': ['recorded_at'],
                'constraints': [models.UniqueConstraint(fields=('reconnection', 'person'), name='one_outcome_per_person')],
            },
        ),
        migrations.RunPython(views_from_outcomes, outcomes_from_views),
        migrations.RemoveField(
            model_name='reconnection',
            name='next_talk_at',
        ),
        migrations.RemoveField(
            model_name='reconnection',
            name='recorded_at',
        ),
        migrations.RemoveField(
            model_name='reconnection',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='reconnection',
            name='repair',
        ),
        migrations.RemoveField(
            model_name='reconnection',
            name='timing',
        ),
    ]

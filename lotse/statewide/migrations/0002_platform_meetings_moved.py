"""The LKS's platform for the network coordinators used to be a kind of network meeting
("lks_platform"). Each such meeting becomes a statewide platform event; what the event has
no field for (the partners recorded as present, the tasks, a minutes file) is kept as text
in its results, so nothing recorded is lost. The old meeting rows are then removed."""

from django.db import migrations
from django.utils import timezone


def move_platform_meetings(apps, schema_editor):
    Meeting = apps.get_model("networks", "Meeting")
    StatewideEvent = apps.get_model("statewide", "StatewideEvent")
    for meeting in Meeting.objects.filter(kind="lks_platform").order_by("starts_at", "pk"):
        notes = [meeting.minutes.strip()] if meeting.minutes.strip() else []
        present = sorted(p.organization.name for p in meeting.attended.all())
        if present:
            notes.append("Als anwesend eingetragen (Netzwerkpartner): " + ", ".join(present))
        tasks = [task.text for task in meeting.tasks.all()]
        if tasks:
            notes.append("Beschlüsse und Aufgaben: " + "; ".join(tasks))
        if meeting.minutes_file:
            notes.append("Protokolldatei: " + meeting.minutes_file.name)
        notes.append(f"Übernommen aus den Treffen des Netzwerks „{meeting.network.name}“.")
        StatewideEvent.objects.create(
            kind="platform",
            title=meeting.title,
            held_on=timezone.localtime(meeting.starts_at).date(),
            place=meeting.place,
            agenda=meeting.agenda,
            results="\n\n".join(notes),
        )
        meeting.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("statewide", "0001_statewide_events"),
        ("networks", "0010_standard_reviews_and_platform_moved"),
    ]

    operations = [
        # Backwards: the events stay (a platform is no network's meeting any more).
        migrations.RunPython(move_platform_meetings, migrations.RunPython.noop),
    ]

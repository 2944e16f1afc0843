"""The districts' documents moved from lotse.concept into lotse.documents. Only Django's
state changes: the tables concept_document, concept_section, … stay as they are."""

import django.core.validators
import django.db.models.deletion
import lotse.core.uploads
import lotse.documents.models
from django.conf import settings
from django.db import migrations, models


MOVED = (
    "document",
    "regionalconcept",
    "annualreport",
    "section",
    "modulestatus",
    "statuschange",
    "version",
    "checklistassessment",
    "reviewcomment",
    "attachment",
    "stateofficetask",
)


def content_types_follow(apps, schema_editor):
    """Audit entries and permissions of the moved models keep pointing at them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    for model in MOVED:
        old = ContentType.objects.filter(app_label="concept", model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label="documents", model=model).first()
        if new is None:
            old.app_label = "documents"
            old.save(update_fields=["app_label"])
        else:
            AuditEntry.objects.filter(content_type=old).update(content_type=new)
            old.delete()


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('concept', '0006_documents_moving_out'),
        ('regions', '0002_load_reference_data'),
        ('accounts', '0004_organization_moved'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('concept', 'Regionales Gesamtkonzept'), ('annual_report', 'Jährliche Konzeptumsetzung')], max_length=20, verbose_name='Art')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Berichtsjahr')),
                ('status', models.CharField(choices=[('draft', 'Entwurf'), ('submitted', 'eingereicht'), ('in_review', 'in Prüfung'), ('changes_requested', 'Änderungen erbeten'), ('accepted', 'angenommen')], default='draft', max_length=20, verbose_name='Stand')),
                ('due_on', models.DateField(verbose_name='fällig am')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='eingereicht am')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='angenommen am')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('reminder_stage', models.PositiveSmallIntegerField(default=0)),
                ('district', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='regions.district')),
                ('state_concept', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='concept.stateconcept')),
            ],
            options={
                'verbose_name': 'Konzept oder Bericht',
                'verbose_name_plural': 'Konzepte und Berichte',
                'db_table': 'concept_document',
                'ordering': ['district__ags', 'kind', '-year'],
            },
        ),
        migrations.CreateModel(
            name='ChecklistAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('verdict', models.CharField(choices=[('open', 'offen'), ('fulfilled', 'erfüllt'), ('not_fulfilled', 'nicht erfüllt')], default='open', max_length=20, verbose_name='Bewertung')),
                ('at', models.DateTimeField(auto_now=True)),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='concept.checklistitem')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='documents.document')),
            ],
            options={
                'db_table': 'concept_checklistassessment',
            },
        ),
        migrations.CreateModel(
            name='Attachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='Titel')),
                ('file', models.FileField(upload_to=lotse.documents.models.attachment_path, validators=[django.core.validators.FileExtensionValidator(['pdf', 'odt', 'docx', 'doc', 'txt', 'png', 'jpg', 'jpeg'], message='Erlaubt sind PDF, ODT, DOCX, DOC, TXT, PNG und JPG.'), lotse.core.uploads.validate_document_size, lotse.core.uploads.validate_document_content], verbose_name='Datei')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='documents.document')),
            ],
            options={
                'verbose_name': 'Anhang',
                'verbose_name_plural': 'Anhänge',
                'db_table': 'concept_attachment',
                'ordering': ['document', 'uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='AnnualReport',
            fields=[
            ],
            options={
                'verbose_name': 'Jährliche Konzeptumsetzung',
                'verbose_name_plural': 'Jährliche Konzeptumsetzungen',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('documents.document',),
        ),
        migrations.CreateModel(
            name='RegionalConcept',
            fields=[
            ],
            options={
                'verbose_name': 'Regionales Gesamtkonzept',
                'verbose_name_plural': 'Regionale Gesamtkonzepte',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('documents.document',),
        ),
        migrations.CreateModel(
            name='ModuleStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('not_started', 'nicht begonnen'), ('planned', 'geplant'), ('in_progress', 'in Umsetzung'), ('achieved', 'erreicht'), ('not_applicable', 'nicht zutreffend')], default='not_started', max_length=20, verbose_name='Stand')),
                ('reason', models.TextField(blank=True, verbose_name='Begründung')),
                ('goals', models.TextField(blank=True, verbose_name='Ziele')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='module_statuses', to='documents.document')),
                ('module', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='concept.stateconceptitem')),
            ],
            options={
                'verbose_name': 'Stand eines Entwicklungsbausteins',
                'verbose_name_plural': 'Stand der Entwicklungsbausteine',
                'db_table': 'concept_modulestatus',
                'ordering': ['document', 'module__funding_area__position', 'module__position'],
            },
        ),
        migrations.CreateModel(
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=40)),
                ('title', models.CharField(max_length=300, verbose_name='Überschrift')),
                ('guidance', models.TextField(blank=True, verbose_name='Hinweis')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('text', models.TextField(blank=True, verbose_name='Text')),
                ('revision', models.PositiveIntegerField(default=0)),
                ('updated_at', models.DateTimeField(blank=True, null=True)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='documents.document')),
                ('funding_area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='concept.fundingarea')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'Abschnitt',
                'verbose_name_plural': 'Abschnitte',
                'db_table': 'concept_section',
                'ordering': ['document', 'position'],
            },
        ),
        migrations.CreateModel(
            name='ReviewComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version_number', models.PositiveSmallIntegerField(default=0)),
                ('author_label', models.CharField(max_length=254)),
                ('from_reviewer', models.BooleanField(default=True)),
                ('text', models.TextField(verbose_name='Anmerkung')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('resolved', models.BooleanField(default=False, verbose_name='erledigt')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('checklist_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='concept.checklistitem')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='documents.document')),
                ('section', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='documents.section')),
            ],
            options={
                'verbose_name': 'Anmerkung',
                'verbose_name_plural': 'Anmerkungen',
                'db_table': 'concept_reviewcomment',
                'ordering': ['document', 'created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='StateOfficeTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='Jahr')),
                ('status', models.CharField(choices=[('not_started', 'nicht begonnen'), ('planned', 'geplant'), ('in_progress', 'in Umsetzung'), ('achieved', 'erreicht')], default='not_started', max_length=20, verbose_name='Stand')),
                ('evidence', models.TextField(blank=True, verbose_name='Nachweis')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='concept.stateconceptitem')),
                ('updated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'concept_stateofficetask',
                'ordering': ['year', 'item__position'],
            },
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=[('draft', 'Entwurf'), ('submitted', 'eingereicht'), ('in_review', 'in Prüfung'), ('changes_requested', 'Änderungen erbeten'), ('accepted', 'angenommen')], max_length=20)),
                ('to_status', models.CharField(choices=[('draft', 'Entwurf'), ('submitted', 'eingereicht'), ('in_review', 'in Prüfung'), ('changes_requested', 'Änderungen erbeten'), ('accepted', 'angenommen')], max_length=20)),
                ('by_label', models.CharField(max_length=254)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('note', models.TextField(blank=True, verbose_name='Anmerkung')),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='documents.document')),
            ],
            options={
                'db_table': 'concept_statuschange',
                'ordering': ['document', 'at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Version',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('accepted', models.BooleanField(default=False)),
                ('content', models.JSONField()),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='documents.document')),
            ],
            options={
                'db_table': 'concept_version',
                'ordering': ['document', 'number'],
            },
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'concept')), fields=('district', 'state_concept'), name='one_concept_per_district_and_edition'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'annual_report')), fields=('district', 'year'), name='one_annual_report_per_district_and_year'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'concept'), ('year__isnull', True)), models.Q(('kind', 'annual_report'), ('year__isnull', False)), _connector='OR'), name='annual_reports_have_a_year'),
        ),
        migrations.AddConstraint(
            model_name='checklistassessment',
            constraint=models.UniqueConstraint(fields=('document', 'item'), name='one_verdict_per_item'),
        ),
        migrations.AddConstraint(
            model_name='modulestatus',
            constraint=models.UniqueConstraint(fields=('document', 'module'), name='one_status_per_module'),
        ),
        migrations.AddConstraint(
            model_name='modulestatus',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'not_applicable'), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='not_applicable_needs_a_reason'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.UniqueConstraint(fields=('document', 'key'), name='section_key_per_document'),
        ),
        migrations.AddConstraint(
            model_name='stateofficetask',
            constraint=models.UniqueConstraint(fields=('item', 'year'), name='one_state_office_status_per_year'),
        ),
        migrations.AddConstraint(
            model_name='version',
            constraint=models.UniqueConstraint(fields=('document', 'number'), name='version_number_unique'),
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, migrations.RunPython.noop),
    ]

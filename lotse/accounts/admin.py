"""The technical admin (/systemverwaltung/): people and their roles; every change audited."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from lotse.accounts import audit
from lotse.accounts.models import AuditEntry, Membership, User


class AuditedAdminMixin(admin.ModelAdmin):
    """Records the admin's changes in Lotse's audit log like any other change."""

    def save_model(self, request, obj, form, change):
        fields = [
            f
            for f in form.changed_data
            if f in {f.name for f in obj._meta.concrete_fields} and f != "password"
        ]
        before = {f: [form.initial.get(f)] for f in fields}
        super().save_model(request, obj, form, change)
        if change:
            changes = {f: [before[f][0], audit.snapshot(obj, [f])[f]] for f in fields}
            audit.record(
                actor=request.user, obj=obj, action=AuditEntry.Action.UPDATE, changes=changes
            )
        else:
            audit.record_creation(actor=request.user, obj=obj, fields=fields)

    def delete_model(self, request, obj):
        audit.record_deletion(
            actor=request.user, obj=obj, fields=[f.name for f in obj._meta.concrete_fields]
        )
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            audit.record_deletion(
                actor=request.user,
                obj=deleted,
                fields=["user", "role", "district", "social_area", "organization"],
            )
            deleted.delete()
        for instance in instances:
            created = instance.pk is None
            instance.save()
            if created:
                audit.record_creation(
                    actor=request.user,
                    obj=instance,
                    fields=["user", "role", "district", "social_area", "organization"],
                )
        formset.save_m2m()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["role", "district", "social_area", "organization"]
    autocomplete_fields = ["social_area", "organization"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name",)}),
        (_("Zugang"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = []
    list_filter = ["is_active", "is_staff", "memberships__role"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_label", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""People, their roles with a scope, and the audit log of their changes."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.organizations.models import Organization
from lotse.regions.models import District, SocialArea


class Role(models.TextChoices):
    STATE_COORDINATOR = "state_coordinator", _("Landeskoordinierungsstelle")
    MINISTRY = "ministry", _("Ministerium (nur lesend)")
    NETWORK_COORDINATOR = "network_coordinator", _("Netzwerkkoordination")
    AREA_COORDINATOR = "area_coordinator", _("Sozialraumkoordination")
    PROVIDER_EDITOR = "provider_editor", _("Anbieter-Redaktion")
    GRANT_OFFICE = "grant_office", _("Landesamt – Zuwendungen (nur lesend)")


STATE_WIDE_ROLES = (Role.STATE_COORDINATOR, Role.MINISTRY)
# Roles without a scope. The state office's grant staff (LAGuS) see every district's grant
# procedure but nothing else of the districts, so they are not among STATE_WIDE_ROLES.
UNSCOPED_ROLES = (*STATE_WIDE_ROLES, Role.GRANT_OFFICE)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A professional who logs in with an e-mail address. Parents never log in."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("Zugang zur Systemverwaltung"),
        default=False,
        help_text=_("Nur für den technischen Betrieb (Django-Admin)."),
    )
    date_joined = models.DateTimeField(_("angelegt am"), default=timezone.now)
    # The language of the mails Lotse sends this person (steps, reminders); empty: the
    # installation's own language (LANGUAGE_CODE) until the person chooses one.
    language = models.CharField(
        _("Sprache der E-Mails"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self) -> str:
        return self.full_name or self.email

    # The scope of a person, read once per request (the user object lives for one request).
    @cached_property
    def _memberships(self) -> list[Membership]:
        if not self.pk:
            return []
        return list(self.memberships.all())

    def roles(self) -> set[str]:
        return {membership.role for membership in self._memberships}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles() & set(roles))

    def is_state_wide(self) -> bool:
        """The LKS and the ministry see every district."""
        return self.has_role(*STATE_WIDE_ROLES)

    def sees_only_grants(self) -> bool:
        """The state office's grant staff and no other role: the grant procedure only."""
        return self.roles() == {Role.GRANT_OFFICE}

    def is_professional(self) -> bool:
        """Any staff role: these people need two-factor authentication in production."""
        return bool(self.roles())

    def districts(self, role: str | None = None):
        """Districts in the person's scope, optionally only those given by one role.

        A network coordinator has her districts; an area coordinator reads the district of
        her social areas (docs/domain.md §10); the LKS and the ministry have all.
        """
        if (
            role is None
            and self.is_state_wide()
            or role in STATE_WIDE_ROLES
            and self.has_role(role)
        ):
            return District.objects.all()
        ids = set()
        for membership in self._memberships:
            if role is not None and membership.role != role:
                continue
            if membership.role == Role.NETWORK_COORDINATOR:
                ids.add(membership.district_id)
            elif membership.role == Role.AREA_COORDINATOR:
                ids.add(membership.social_area_district_id)
        return District.objects.filter(pk__in=ids)

    def social_areas(self, role: str | None = None):
        """Social areas in scope: all of one's districts for coordinators, one's own for areas."""
        if role is None and self.is_state_wide():
            return SocialArea.objects.all()
        district_ids = {
            m.district_id
            for m in self._memberships
            if m.role == Role.NETWORK_COORDINATOR and role in (None, Role.NETWORK_COORDINATOR)
        }
        area_ids = {
            m.social_area_id
            for m in self._memberships
            if m.role == Role.AREA_COORDINATOR and role in (None, Role.AREA_COORDINATOR)
        }
        return SocialArea.objects.filter(Q(district_id__in=district_ids) | Q(pk__in=area_ids))

    def organizations(self):
        """Provider organisations the person edits."""
        ids = {m.organization_id for m in self._memberships if m.role == Role.PROVIDER_EDITOR}
        return Organization.objects.filter(pk__in=ids)


class Membership(models.Model):
    """A role of a person, with the one district, social area or organisation it applies to."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=30, choices=Role)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("Landkreis"),
    )
    social_area = models.ForeignKey(
        "regions.SocialArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("Sozialraum"),
    )
    # Kept beside social_area so that district scoping needs no join (set in save()).
    social_area_district = models.ForeignKey(
        "regions.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("Träger"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("Rolle")
        verbose_name_plural = _("Rollen")
        constraints = [
            # Each role carries exactly the scope it needs, nothing else.
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=(
                    Q(
                        role__in=list(UNSCOPED_ROLES),
                        district__isnull=True,
                        social_area__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        role=Role.NETWORK_COORDINATOR,
                        district__isnull=False,
                        social_area__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        role=Role.AREA_COORDINATOR,
                        district__isnull=True,
                        social_area__isnull=False,
                        organization__isnull=True,
                    )
                    | Q(
                        role=Role.PROVIDER_EDITOR,
                        district__isnull=True,
                        social_area__isnull=True,
                        organization__isnull=False,
                    )
                ),
            ),
            # One row per role and scope (nulls never compare equal, so one constraint per shape).
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=list(UNSCOPED_ROLES)),
                name="membership_unique_state_wide",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(district__isnull=False),
                name="membership_unique_district",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "social_area"],
                condition=Q(social_area__isnull=False),
                name="membership_unique_social_area",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="membership_unique_organization",
            ),
        ]

    def __str__(self) -> str:
        scope = self.district or self.social_area or self.organization
        return f"{self.get_role_display()}: {scope}" if scope else self.get_role_display()

    def save(self, *args, **kwargs) -> None:
        # Without a social area the descriptor answers None without a query.
        self.social_area_district_id = (
            self.social_area.district_id if self.social_area is not None else None
        )
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """One change by a person: who, when, which object, which fields from what to what."""

    class Action(models.TextChoices):
        CREATE = "create", _("angelegt")
        UPDATE = "update", _("geändert")
        DELETE = "delete", _("gelöscht")

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    # Kept when the person is erased, so the log still tells changes of one actor apart.
    actor_label = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=10, choices=Action)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    district = models.ForeignKey(
        "regions.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Änderungsprotokoll")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class SignInThrottle(models.Model):
    """Failed sign-ins counted for one account or one client address (throttling.py)."""

    class Kind(models.TextChoices):
        ACCOUNT = "account"
        ADDRESS = "address"

    kind = models.CharField(max_length=10, choices=Kind)
    # The e-mail address typed (whether or not such an account exists), or the client address.
    key = models.CharField(max_length=320)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)
    wait_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_sign_in_throttle_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.failures}"

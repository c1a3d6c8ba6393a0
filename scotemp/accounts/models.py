"""Users, organizations, their memberships and roles, invitations and personal access tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import MEMBER, OrgScopedQuerySet
from scotemp.core.prepared import PreparedQuery

from .choices import InvitationStatus, OrganizationType, RegistryType, Role


class EmailUserManager(UserManager):
    """Users log in with their e-mail address; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_operator", True)
        return self._create_user(email, password, **extra_fields)

    def get(self, *args, **kwargs):
        """``User.objects.get(pk=…)``, the read of every signed-in request (Django's authentication
        backend loads the reader by primary key), compiled once per process; any other lookup, and a
        historical model's in migrations, through the ORM."""
        if not args and kwargs.keys() == {"pk"} and self._db is None and self.model is User:
            found = _USER_BY_PK(pk=kwargs["pk"])
            if not found:
                raise User.DoesNotExist(f"{User._meta.object_name} matching query does not exist.")
            return found[0]
        return super().get(*args, **kwargs)


class User(AbstractUser):
    """A person. Platform roles: ``is_operator`` (operator staff); committee secretaries are named on
    each committee. Operator staff must use a second factor (TOTP)."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    is_operator = models.BooleanField(
        _("operator staff"), default=False, help_text=_("Platform operator staff verify and moderate.")
    )
    active_organization = models.ForeignKey(
        "Organization",
        verbose_name=_("active organization"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]


_USER_BY_PK = PreparedQuery(lambda pk: User.objects.filter(pk=pk), pk=int)


class OrganizationQuerySet(OrgScopedQuerySet):
    """Organizations are public (the directory lists them), so ``visible_to`` returns every row.

    Private pages (members, invitations, tokens) use ``private_to``: members of any role and
    operators; everybody else gets 404."""

    def private_to(self, user):
        """Organizations whose private pages ``user`` may read: their members, and operators."""
        return self.editable_by(user, role=MEMBER)

    def of_member(self, user):
        """Organizations ``user`` acts for as a member (operators get no special treatment); for an API
        token, only the token's organization."""
        return self.member_of(user)


class Organization(PublicIdModel):
    """A company or institution on the platform. It always has at least one owner."""

    org_field = ""  # for OrgScopedQuerySet: the organization is the row itself

    name = models.CharField(_("legal name"), max_length=255, help_text=_("As registered, in its own script."))
    name_latin = models.CharField(_("name in Latin script"), max_length=255, blank=True)
    trading_names = models.CharField(
        _("trading names"),
        max_length=500,
        blank=True,
        help_text=_("Other names the company trades under, comma-separated."),
    )
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="organizations", on_delete=models.PROTECT
    )
    registry_type = models.CharField(
        _("registration identifier type"), max_length=20, choices=RegistryType.choices, blank=True
    )
    registry_id = models.CharField(
        _("registration identifier"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("The national registration number, e.g. the unified social credit code or the INN."),
    )
    city = models.ForeignKey(
        "reference.Location",
        verbose_name=_("city"),
        null=True,
        blank=True,
        related_name="organizations",
        on_delete=models.SET_NULL,
    )
    type = models.CharField(_("type"), max_length=30, choices=OrganizationType.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organizations",
        verbose_name=_("members"),
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registry_id"],
                condition=~models.Q(registry_id=""),
                name="unique_registry_id_per_country",
            )
        ]
        indexes = [  # the directory's default order walks these and stops at the page
            models.Index(fields=["name", "id"], name="organization_name_idx"),
            models.Index(fields=["country", "name", "id"], name="organization_country_name_idx"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def public_q(cls):
        # Organization names and countries are public (the directory); private pages check roles.
        return models.Q(pk__isnull=False)


class Membership(TimeStampedModel):
    """A user's role in an organization."""

    org_field = "organization"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.role})"


class Invitation(PublicIdModel):
    """An e-mail invitation to join an organization with a role. The token is stored hashed."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), related_name="invitations", on_delete=models.CASCADE
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(PublicIdModel):
    """A personal access token: acts as its user, for one of the user's organizations and only for it,
    never with operator powers. ``scope`` ``read`` allows only GET/HEAD/OPTIONS; after ``expires_at``
    (if set) the token is refused like a revoked one.

    Only a SHA-256 of the secret is stored; the secret is shown once, when created."""

    PREFIX = "sco_"
    ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"
    MAX_LIFETIME_DAYS = 5 * 365  # the latest expiry one may choose; "no expiry" stays possible

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="api_tokens", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), related_name="api_tokens", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.user})"

    def is_usable(self, now=None) -> bool:
        return self.status_at(now) == self.ACTIVE

    def status_at(self, now=None) -> str:
        """``active``, ``expired`` or ``revoked`` at ``now``."""
        if self.revoked_at is not None:
            return self.REVOKED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return self.EXPIRED
        return self.ACTIVE

    @property
    def status(self) -> str:
        return self.status_at()

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

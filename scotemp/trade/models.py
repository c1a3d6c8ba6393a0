"""Trade leads (sell offers and buy requests), their search index, matches and saved searches."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from .choices import LANGUAGE_SUFFIX, LeadKind, LeadStatus, MatchAction


class LeadQuerySet(OrgScopedQuerySet):
    def open(self, today=None):
        """Published and not past their validity: the leads that can be matched and found."""
        return self.filter(status=LeadStatus.PUBLISHED, valid_until__gte=today or timezone.localdate())


class Lead(PublicIdModel):
    """A sell offer or a buy request of one organization, classified by HS code.

    ``hs_chapter`` and ``hs_heading`` are derived from ``hs_code`` on save (for facets and for
    matching); translations of title and description are optional modeltranslation columns, and
    ``language`` says which one the author wrote."""

    org_field = "organization"

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        related_name="leads",
        on_delete=models.CASCADE,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    kind = models.CharField(_("type"), max_length=4, choices=LeadKind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LeadStatus.choices, default=LeadStatus.DRAFT, db_index=True
    )
    language = models.CharField(_("written in"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    hs_code = models.ForeignKey(
        "reference.HSCode", verbose_name=_("HS code"), related_name="+", on_delete=models.PROTECT
    )
    hs_heading = models.CharField(max_length=4, db_index=True, editable=False)
    hs_chapter = models.CharField(max_length=2, db_index=True, editable=False)
    specification = models.TextField(_("specification"), blank=True)
    attributes = models.JSONField(
        _("attributes"),
        default=dict,
        blank=True,
        help_text=_("Key/value pairs such as grade, purity, moisture."),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    unit = models.ForeignKey(
        "reference.Unit", verbose_name=_("unit"), related_name="+", on_delete=models.PROTECT
    )
    min_order = models.DecimalField(
        _("minimum order"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    price = models.DecimalField(_("price"), max_digits=16, decimal_places=4, null=True, blank=True)
    currency = models.ForeignKey(
        "reference.Currency",
        verbose_name=_("currency"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    price_unit = models.ForeignKey(
        "reference.Unit",
        verbose_name=_("price per"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    price_on_request = models.BooleanField(_("price on request"), default=False)
    incoterm = models.ForeignKey(
        "reference.Incoterm", verbose_name=_("Incoterm"), related_name="+", on_delete=models.PROTECT
    )
    incoterm_place = models.ForeignKey(
        "reference.Location", verbose_name=_("named place"), related_name="+", on_delete=models.PROTECT
    )
    origin_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("origin"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    # For a sell offer: destinations the seller serves; for a buy request: acceptable origins.
    # Empty means "any".
    countries = models.ManyToManyField(
        "reference.Country", verbose_name=_("acceptable countries"), blank=True, related_name="+"
    )
    delivery_from = models.DateField(_("delivery from"), null=True, blank=True)
    delivery_until = models.DateField(_("delivery until"), null=True, blank=True)
    payment_terms = models.JSONField(_("payment terms"), default=list, blank=True)
    certifications_held = models.JSONField(_("certifications held"), default=list, blank=True)
    certifications_required = models.JSONField(_("certifications required"), default=list, blank=True)
    valid_until = models.DateField(_("valid until"), db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="leads",
        on_delete=models.SET_NULL,
    )
    # Normalized searchable text (title, description, specification in every language) for exact checks.
    search_text = models.TextField(blank=True, editable=False)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("trade lead")
        verbose_name_plural = _("trade leads")
        indexes = [
            models.Index(
                fields=["status", "kind", "hs_heading", "valid_until"], name="lead_match_heading_idx"
            ),
            models.Index(
                fields=["status", "kind", "hs_chapter", "valid_until"], name="lead_match_chapter_idx"
            ),
            # A committee page's latest open leads: read in date order, not sorted from all of them.
            models.Index(fields=["committee", "-published_at"], name="lead_committee_recent_idx"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def public_q(cls):
        return models.Q(status=LeadStatus.PUBLISHED)

    def titles(self) -> dict[str, str]:
        """The title in each language, the author's where it is not translated (for notices that are
        rendered later in each reader's language)."""
        values = {
            code: getattr(self, f"title_{suffix}", "") or "" for code, suffix in LANGUAGE_SUFFIX.items()
        }
        fallback = values.get(self.language) or next((v for v in values.values() if v), "")
        return {code: value or fallback for code, value in values.items()}

    def save(self, *args, **kwargs):
        if self.hs_code_id:
            self.hs_heading = self.hs_code_id[:4]
            self.hs_chapter = self.hs_code_id[:2]
        super().save(*args, **kwargs)


class LeadSearchToken(models.Model):
    """Inverted index of lead text: stems of words (Russian and English Snowball stemmers, so
    "пшеницы" finds "пшеница"), other words as they are, CJK bigrams."""

    lead = models.ForeignKey(Lead, related_name="search_tokens", on_delete=models.CASCADE)
    token = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["token", "lead"], name="lead_token_idx")]
        constraints = [models.UniqueConstraint(fields=["lead", "token"], name="unique_lead_token")]

    def __str__(self):
        return self.token


class Match(TimeStampedModel):
    """A scored pair of complementary leads (one sell offer, one buy request).

    ``parts`` holds the explainable components of the score as language-neutral codes and numbers,
    rendered in each viewer's language. A match is the two parties' private business intelligence
    (ADR 0010): members of either side's organization see it (``Match.objects.member_of``), nobody
    else, operators included (``operator_q`` admits no row).

    ``sell_organization`` / ``buy_organization`` copy the two leads' organizations (a lead never
    changes organization: no action does it and the admin shows it read-only once saved) so that an
    organization's matches, best first, are one range of an index per side instead of a walk of the
    whole table through joins. Every writer sets them: ``save()`` here, the bulk writers of
    ``matching.store``."""

    org_field = ("sell_organization", "buy_organization")

    sell_lead = models.ForeignKey(Lead, related_name="matches_as_sell", on_delete=models.CASCADE)
    buy_lead = models.ForeignKey(Lead, related_name="matches_as_buy", on_delete=models.CASCADE)
    sell_organization = models.ForeignKey(
        "accounts.Organization", related_name="+", on_delete=models.CASCADE, editable=False, db_index=False
    )
    buy_organization = models.ForeignKey(
        "accounts.Organization", related_name="+", on_delete=models.CASCADE, editable=False, db_index=False
    )
    score = models.FloatField(_("score"), db_index=True)
    parts = models.JSONField(_("score parts"), default=list)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["sell_lead", "buy_lead"], name="unique_match_pair")]
        indexes = [
            # An organization's matches on each side, best first: a page is a LIMIT on each range.
            models.Index(fields=["sell_organization", "-score", "id"], name="match_sell_org_score"),
            models.Index(fields=["buy_organization", "-score", "id"], name="match_buy_org_score"),
        ]

    def __str__(self):
        return f"{self.sell_lead_id} ↔ {self.buy_lead_id} ({self.score:.2f})"

    def save(self, *args, **kwargs):
        if self.sell_organization_id is None:
            self.sell_organization_id = Lead.objects.values_list("organization_id", flat=True).get(
                pk=self.sell_lead_id
            )
        if self.buy_organization_id is None:
            self.buy_organization_id = Lead.objects.values_list("organization_id", flat=True).get(
                pk=self.buy_lead_id
            )
        super().save(*args, **kwargs)

    @classmethod
    def operator_q(cls):
        """Operators see no match of an organization they do not belong to."""
        return models.Q(pk__in=[])


class MatchDecision(TimeStampedModel):
    """An organization's bookmark or dismissal of a match; dismissed matches do not come back.
    Private to that organization like the match itself (``operator_q`` admits no row)."""

    org_field = "organization"

    # SET_NULL: a pair that stops matching (a lead paused) loses its Match row but not the decision.
    match = models.ForeignKey(
        Match, related_name="decisions", null=True, blank=True, on_delete=models.SET_NULL
    )
    organization = models.ForeignKey("accounts.Organization", related_name="+", on_delete=models.CASCADE)
    # Kept when the match row is recomputed: the pair identifies the decision.
    sell_lead = models.ForeignKey(Lead, related_name="+", on_delete=models.CASCADE)
    buy_lead = models.ForeignKey(Lead, related_name="+", on_delete=models.CASCADE)
    action = models.CharField(_("action"), max_length=12, choices=MatchAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sell_lead", "buy_lead"], name="unique_match_decision"
            )
        ]

    def __str__(self):
        return self.action

    @classmethod
    def operator_q(cls):
        return models.Q(pk__in=[])


class SavedSearch(PublicIdModel):
    """A lead search a user saved; new matching leads are sent as at most one digest a day."""

    org_field = "organization"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="saved_searches", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        related_name="saved_searches",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=100)
    params = models.JSONField(_("search"), default=dict)
    email_digest = models.BooleanField(_("e-mail digest"), default=True)
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name


class MatchIndexVersion(models.Model):
    """A token per HS chapter (``key``) that changes with every write to that chapter's leads or
    their country lists, and one for organizations and profiles (``key = "*"``: countries,
    verification). Written by database triggers (migration 0005), so that no write path (actions,
    admin, bulk inserts, raw SQL) can leave the matching engine's in-process index stale; the token
    is a random value (SQLite) or a sequence number (PostgreSQL), which a rollback cannot reuse."""

    key = models.CharField(max_length=8, primary_key=True)
    version = models.BigIntegerField(default=0)
    change = models.BigIntegerField(default=0)  # id of the key's latest MatchIndexChange (migration 0006)

    def __str__(self):
        return f"{self.key}: {self.version}"


class MatchIndexChange(models.Model):
    """The change log behind :class:`MatchIndexVersion` (migration 0006): one row per lead (``key``
    = its HS chapter, old and new) or organization (``key = "*"``) that a write touched, written by
    the same triggers in the same transaction, so a worker holding a group applies just those rows
    instead of reloading the chapter. ``token`` is the value the key's version took (random on
    SQLite, where a rolled-back id can be reused; null on PostgreSQL, where the id is the token).
    Ids of one key are in commit order (a write holds the key's version row before it takes an id).
    Old rows are pruned (``manage.py prune_match_changes``, hourly)."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=8)
    lead_id = models.BigIntegerField(null=True)
    org_id = models.BigIntegerField(null=True)
    token = models.BigIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["key", "id"], name="trade_mic_key_id")]

    def __str__(self):
        return f"{self.key} #{self.id}"

"""What China requires to import goods of an HS chapter, heading or subheading, as the operator
maintains it: the kind of requirement, the authority, what to do (three languages), the legal reference,
the source and the date it was checked, and whether the source confirmed it."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import TimeStampedModel

from ..choices import HS_SCOPE, Authority, Confidence, RequirementKind, scope_level


class ImportRequirement(TimeStampedModel):
    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_(
            "A short stable name of the row, e.g. 1001-tariff-quota (used to update it from the file)."
        ),
    )
    hs_scope = models.CharField(
        _("HS scope"),
        max_length=6,
        db_index=True,
        validators=[
            RegexValidator(
                HS_SCOPE.pattern, _("Enter an HS chapter (2 digits), heading (4) or subheading (6).")
            )
        ],
        help_text=_("An HS chapter (2 digits), heading (4) or subheading (6)."),
    )
    kind = models.CharField(_("requirement"), max_length=24, choices=RequirementKind.choices)
    authority = models.CharField(_("authority"), max_length=12, choices=Authority.choices)
    summary = models.TextField(_("what the importer and the exporter must do"))
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    # Set when the operator changes the row: reloading data/requirements.csv then leaves it alone.
    operator_edited = models.BooleanField(_("edited by the operator"), default=False, editable=False)

    class Meta:
        ordering = ["hs_scope", "kind", "key"]
        verbose_name = _("import requirement")
        verbose_name_plural = _("import requirements")

    def __str__(self):
        return f"{self.hs_scope} {self.get_kind_display()}"

    @property
    def level(self) -> str:
        return scope_level(self.hs_scope)

    @property
    def is_verified(self) -> bool:
        return self.confidence == Confidence.VERIFIED

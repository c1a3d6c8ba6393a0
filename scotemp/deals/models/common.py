"""Building blocks of the deals models: the foreign keys to users and reference rows, and the
trade terms a quotation and a term sheet share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _user_fk(verbose_name, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        related_name=related_name,
        on_delete=models.SET_NULL,
    )


def _ref_fk(model, verbose_name, **kwargs):
    return models.ForeignKey(
        f"reference.{model}", verbose_name=verbose_name, related_name="+", on_delete=models.PROTECT, **kwargs
    )


class TradeTerms(models.Model):
    """The terms a quotation offers and a term sheet fixes: quantity and unit, unit price and
    currency, Incoterm and named place, payment terms."""

    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    unit = _ref_fk("Unit", _("unit"))
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=4)
    currency = _ref_fk("Currency", _("currency"))
    incoterm = _ref_fk("Incoterm", _("Incoterm"))
    incoterm_place = _ref_fk("Location", _("named place"))
    payment_terms = models.CharField(_("payment terms"), max_length=300)

    class Meta:
        abstract = True

    @property
    def total(self):
        return self.unit_price * self.quantity

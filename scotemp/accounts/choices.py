from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.permissions import ADMIN, MEMBER, OWNER


class Role(models.TextChoices):
    OWNER = OWNER, _("Owner")
    ADMIN = ADMIN, _("Administrator")
    MEMBER = MEMBER, _("Member")


class OrganizationType(models.TextChoices):
    MANUFACTURER = "manufacturer", _("Manufacturer")
    TRADER = "trader", _("Trading company")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    LOGISTICS = "logistics", _("Logistics provider")
    FINANCIAL = "financial", _("Bank or insurer")
    INSTITUTION = "institution", _("Institution")
    ASSOCIATION = "association", _("Business association")
    EDUCATION = "education", _("Educational institution")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class RegistryType(models.TextChoices):
    """National registration identifiers; the validated ones are checked with python-stdnum."""

    CN_USCC = "cn_uscc", _("China: unified social credit code (USCC)")
    RU_INN = "ru_inn", _("Russia: taxpayer number (INN)")
    RU_OGRN = "ru_ogrn", _("Russia: state registration number (OGRN)")
    KZ_BIN = "kz_bin", _("Kazakhstan: business identification number (BIN)")
    BY_UNP = "by_unp", _("Belarus: payer's account number (UNP)")
    IN_GSTIN = "in_gstin", _("India: GST identification number (GSTIN)")
    OTHER = "other", _("Other national registration number")

"""Fixed choices and limits of the directory, shared by its actions, forms and API."""

from django.db import models
from django.utils.translation import gettext_lazy as _

INBOX_SUBJECT_MAX = 200
INBOX_BODY_MAX = 5000


class StaffRange(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250-999", _("250–999 employees")
    XLARGE = "1000+", _("1,000 or more employees")


class Activity(models.TextChoices):
    """What an organization does; several may apply."""

    EXPORTER = "exporter", _("Exporter")
    IMPORTER = "importer", _("Importer")
    MANUFACTURER = "manufacturer", _("Manufacturer")
    WHOLESALER = "wholesaler", _("Wholesaler / distributor")
    FORWARDER = "forwarder", _("Freight forwarder")
    CARRIER = "carrier", _("Carrier / rail operator")
    CUSTOMS_BROKER = "customs_broker", _("Customs broker")
    WAREHOUSE = "warehouse", _("Warehouse / logistics park")
    BANK = "bank", _("Bank")
    INSURER = "insurer", _("Insurer")
    INSPECTION = "inspection", _("Inspection and certification body")
    CONSULTING = "consulting", _("Consulting / legal services")
    EDUCATION = "education", _("Education and training")


class TradeDirection(models.TextChoices):
    EXPORT = "export", _("Exports")
    IMPORT = "import", _("Imports")


class CertificationScheme(models.TextChoices):
    ISO_9001 = "iso9001", "ISO 9001"
    ISO_14001 = "iso14001", "ISO 14001"
    ISO_45001 = "iso45001", "ISO 45001"
    ISO_22000 = "iso22000", "ISO 22000"
    HACCP = "haccp", "HACCP"
    HALAL = "halal", _("Halal")
    GOST_R = "gost_r", "GOST R"
    EAC = "eac", _("EAC (Eurasian conformity)")
    CCC = "ccc", _("CCC (China Compulsory Certification)")
    CE = "ce", "CE"
    ORGANIC = "organic", _("Organic")
    GLOBALGAP = "globalgap", "GLOBALG.A.P."
    OTHER = "other", _("Other")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Not verified")
    PENDING = "pending", _("Under review")
    NEEDS_INFO = "needs_info", _("More information requested")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Verification expired")


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SearchSort(models.TextChoices):
    """Orders of the directory search."""

    RELEVANCE = "relevance", _("Best match")
    NAME = "name", _("Name")
    NEWEST = "newest", _("Newest")
    VERIFIED = "verified", _("Recently verified")


class SCOFilter(models.TextChoices):
    """The directory's SCO status filter: member states or partners, today."""

    MEMBER = "member", _("Member state")
    PARTNER = "partner", _("SCO partner")

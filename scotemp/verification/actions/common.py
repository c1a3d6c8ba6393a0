"""What the verification actions share: the profile lock, the organization an action may manage,
the domain history (:class:`~scotemp.verification.models.VerificationEvent`) and the announcement
of a change of the badge."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce, per_language
from scotemp.core.formatting import format_date
from scotemp.directory.models import OrganizationProfile

from ..choices import ReviewStatus
from ..models import VerificationEvent

OPEN_STATES = (ReviewStatus.PENDING, ReviewStatus.NEEDS_INFO)


def locked_profile(organization: Organization) -> OrganizationProfile:
    """The organization's profile, created if missing, locked for the rest of the transaction."""
    OrganizationProfile.objects.get_or_create(organization=organization)
    return OrganizationProfile.objects.select_for_update().get(organization=organization)


def record_event(organization, decision, actor=None, review=None, note="") -> VerificationEvent:
    """One line of the organization's verification history, shown on its status page."""
    return VerificationEvent.objects.create(
        organization=organization, review=review, actor=actor, decision=decision, note=note
    )


def editable_organization(user, organization_public_id) -> Organization:
    """The organization if ``user`` owns or administers it, or is an operator; 404 for whoever cannot
    see its private pages, 403 for plain members (they see the page but do not act)."""
    editable = Organization.objects.editable_by(user).filter(public_id=organization_public_id).first()
    if editable is not None:
        return editable
    if Organization.objects.private_to(user).filter(public_id=organization_public_id).exists():
        raise PermissionDenied(_("Only owners and administrators manage the verification."))
    raise Http404


def owners_notice(kind: str, organization: Organization, **params) -> Notice:
    """A notice to the organization's members about its verification, linking to its status page."""
    return Notice(
        kind,
        {"name": organization.name, **params},
        reverse("verification:status", args=[organization.public_id]),
        organization_id=organization.pk,
    )


def date_param(value) -> dict[str, str] | str:
    """A date as each language writes it, for a notification's params ("" for none)."""
    return per_language(lambda: format_date(value)) if value else ""


def badge_changed(profile, before: str, *, actor=None, reason: str = "", notices=(), key: str = "") -> None:
    """Announce a change of the profile's verification status (one audit row), with ``notices``;
    nothing when the status is what it was."""
    if profile.verification_status == before:
        return
    announce(
        "verification.badge_changed",
        subject=profile,
        actor=actor,
        organization=profile.organization_id,
        from_status=before,
        to_status=profile.verification_status,
        reason=reason,
        data={"verified_until": profile.verified_until.isoformat() if profile.verified_until else None},
        notices=notices,
        key=key,
    )

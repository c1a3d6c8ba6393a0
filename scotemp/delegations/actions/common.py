"""What the delegation actions share: the organizer check, the conflict refusal, the delegation's
title in every language and the notices to its member organizations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice

from ..choices import MemberStatus
from ..models import Delegation
from ..queries import organizes

LANGUAGE_SUFFIXES = ("en", "ru", "zh_hans")


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def require_organizer(user, delegation: Delegation) -> None:
    if not organizes(user, delegation):
        raise PermissionDenied(_("Only the organizer of this delegation can change it."))


def first_text(values: dict, prefix: str) -> str:
    """The text of ``prefix`` in the first language it was given in."""
    return next((values[f"{prefix}_{c}"] for c in LANGUAGE_SUFFIXES if values.get(f"{prefix}_{c}")), "")


def apply_translated(instance, values: dict, names) -> None:
    """Copy the per-language texts of ``names``; the untranslated column holds the first language
    given (written past modeltranslation's descriptor, which would write the reader's language)."""
    for name in names:
        given = False
        for code in LANGUAGE_SUFFIXES:
            key = f"{name}_{code}"
            if key in values:
                given = True
                setattr(instance, key, (values[key] or "").strip())
        if given:
            instance.__dict__[name] = first_text(
                {f"{name}_{c}": getattr(instance, f"{name}_{c}") or "" for c in LANGUAGE_SUFFIXES}, name
            )


def delegation_names(delegation: Delegation) -> dict[str, str]:
    """The delegation's title in every working language (for notices, shown in the reader's)."""
    return {
        "en": delegation.title_en or delegation.title,
        "ru": delegation.title_ru or delegation.title_en or delegation.title,
        "zh-hans": delegation.title_zh_hans or delegation.title_en or delegation.title,
    }


def notices_to_members(delegation: Delegation, kind: str, params: dict | None = None, exclude_user=None):
    """One notice per accepted member organization (every active member of it is told)."""
    params = {"delegation": delegation_names(delegation), **(params or {})}
    org_ids = delegation.members.filter(status=MemberStatus.ACCEPTED).values_list(
        "organization_id", flat=True
    )
    return [
        Notice(
            kind,
            params,
            url=delegation.get_absolute_url(),
            organization_id=org_id,
            exclude_user_id=getattr(exclude_user, "pk", None),
        )
        for org_id in org_ids
    ]

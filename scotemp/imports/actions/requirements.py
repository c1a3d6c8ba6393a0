"""The operator adds or edits an import requirement; everybody else gets 404 (the rows are public, the
editing is not)."""

from django.db import transaction
from django.http import Http404

from scotemp.core.effects import announce
from scotemp.core.permissions import is_operator

from ..models import ImportRequirement

FIELDS = (
    "key",
    "hs_scope",
    "kind",
    "authority",
    "summary_en",
    "summary_zh_hans",
    "summary_ru",
    "legal_reference_en",
    "legal_reference_zh_hans",
    "legal_reference_ru",
    "source_url",
    "checked_on",
    "confidence",
)


def save_requirement(user, values: dict, requirement: ImportRequirement | None = None) -> ImportRequirement:
    """Create (``requirement`` None) or change a requirement from cleaned ``values``; the row is then
    marked as the operator's, so reloading the data file does not overwrite it."""
    if not is_operator(user):
        raise Http404
    with transaction.atomic():
        created = requirement is None
        requirement = requirement or ImportRequirement()
        before = {f: getattr(requirement, f) for f in FIELDS} if not created else {}
        for field in FIELDS:
            if field in values:
                setattr(requirement, field, values[field])
        if not requirement.summary:
            requirement.summary = (
                requirement.summary_en or requirement.summary_ru or requirement.summary_zh_hans
            )
        requirement.operator_edited = True
        requirement.full_clean()
        requirement.save()
        changed = [f for f in FIELDS if not created and before.get(f) != getattr(requirement, f)]
        announce(
            "imports.requirement_created" if created else "imports.requirement_changed",
            subject=requirement,
            actor=user,
            data={"hs_scope": requirement.hs_scope, "kind": requirement.kind, "changed": changed},
        )
    return requirement

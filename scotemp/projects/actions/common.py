"""What the project actions share: fetching a project a user may change, names for notices, the
conflict refusal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from scotemp.core.permissions import ADMIN

from ..models import Project


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def managed(user, public_id, *, lock: bool = True) -> Project:
    """The project if ``user`` may change it (an owner or administrator of its owner organization, or
    an operator). Somebody who cannot see it gets 404; somebody who sees it but may not change it, 403."""
    visible = get_object_or_404(Project.objects.visible_to(user), public_id=public_id)
    qs = Project.objects.editable_by(user, role=ADMIN)
    if lock:
        qs = qs.select_for_update(of=("self",))
    project = qs.filter(pk=visible.pk).first()
    if project is None:
        raise PermissionDenied(_("Only the organization that owns this project can change it."))
    return project


def project_names(project: Project) -> dict[str, str]:
    """The project's title in every working language (for notices, rendered in the reader's)."""
    return {
        "en": project.title_en or project.title,
        "ru": project.title_ru or project.title_en or project.title,
        "zh-hans": project.title_zh_hans or project.title_en or project.title,
    }


def organization_name(organization) -> str:
    return organization.name

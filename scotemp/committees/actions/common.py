"""What the workspace's actions share: finding the committee a user manages, and announcing."""

from django.shortcuts import get_object_or_404

from scotemp.core.effects import announce

from ..models import Committee


def managed(user, slug: str, *, lock: bool = False) -> Committee:
    """The committee ``slug`` if ``user`` is its secretary or an operator; 404 for everybody else."""
    qs = Committee.objects.managed_by(user)
    if lock:
        qs = qs.select_for_update()
    return get_object_or_404(qs, slug=slug)


def committee_names(committee: Committee) -> dict[str, str]:
    """The committee's name in each language, as notification params keep it."""
    return {
        "en": committee.name_en or committee.name,
        "ru": committee.name_ru or committee.name_en or committee.name,
        "zh-hans": committee.name_zh_hans or committee.name_en or committee.name,
    }


def record(verb: str, subject, committee: Committee, *, actor, before: str = "", after: str = "", **extra):
    """Announce a change of the committee's workspace (one audit row)."""
    announce(
        verb,
        subject=subject,
        actor=actor,
        from_status=before,
        to_status=after,
        data={"committee": committee.slug, **extra.pop("data", {})},
        **extra,
    )

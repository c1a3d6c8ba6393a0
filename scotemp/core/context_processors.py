"""Values every page needs: platform name, the navigation, the languages, the active organization.

The navigation is one list, :data:`NAV_SECTIONS`. An entry is a link as soon as its URL name
resolves, so a new app switches its entry on simply by defining that URL name in its ``urls.py``
(for example ``app_name = "deals"`` with a pattern named ``list``). Until then the entry is shown as
plain text with a "soon" badge.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavSection:
    key: str  # also the URL namespace that marks the section as the current one
    label: str
    url_name: str
    only: tuple[str, ...] = ()  # when set, only these URL names of the namespace are the section


NAV_SECTIONS = (
    NavSection("home", _("Home"), "home"),
    NavSection("directory", _("Directory"), "directory:list"),
    NavSection("trade", _("Trade leads"), "trade:list"),
    NavSection("deals", _("Deals"), "deals:list"),
    NavSection("events", _("Events"), "events:list"),
    NavSection("projects", _("Projects"), "projects:list"),
    NavSection("logistics", _("Logistics"), "logistics:index"),
    NavSection("analytics", _("Analytics"), "analytics:dashboard"),
    NavSection("committees", _("Committees"), "committees:list"),
    # The reference namespace also holds the HS browser, which is not the SCO countries' page.
    NavSection("reference", _("SCO countries"), "reference:countries", only=("countries",)),
)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str | None  # None: the section is not built yet
    current: bool


_SECTION_URLS: dict = {}


def _section_urls() -> tuple:
    """Each section's URL (None if not built yet), worked out once per URL configuration and prefix:
    they depend on nothing else."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    urls = _SECTION_URLS.get(key)
    if urls is None:
        found = []
        for section in NAV_SECTIONS:
            try:
                found.append(reverse(section.url_name))
            except NoReverseMatch:
                found.append(None)
        urls = _SECTION_URLS[key] = tuple(found)
    return urls


def navigation(request) -> list[NavItem]:
    """The navigation entries for this request, with their URLs (None if not built yet)."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    url_name = match.url_name if match else ""
    items = []
    for section, url in zip(NAV_SECTIONS, _section_urls(), strict=True):
        current = (namespace == section.key) if namespace else (section.url_name == url_name)
        current = current and (not section.only or url_name in section.only)
        items.append(NavItem(section.key, section.label, url, bool(url) and current))
    return items


def _user_memberships(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    loaded = getattr(request, "user_memberships", None)  # ActiveOrganizationMiddleware read them
    if loaded is not None:
        return loaded
    return list(user.memberships.select_related("organization").order_by("organization__name"))


def platform(request):
    """Context for every template; the lazy values cost nothing unless a template reads them."""
    return {
        "PLATFORM_NAME": settings.SCOTEMP_PLATFORM_NAME,
        "PLATFORM_LONG_NAME": _("Trade and Economic Multifunctional Platform for SCO countries"),
        "SCOTEMP_MODE": settings.MODE,
        # Each language named in itself (中文, Русский, English), never translated.
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "active_organization": getattr(request, "active_organization", None),
        "user_memberships": SimpleLazyObject(lambda: _user_memberships(request)),
    }

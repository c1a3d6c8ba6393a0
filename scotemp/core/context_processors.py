from django.conf import settings


def platform(request):
    """Values every page needs: the language list and the user's active organization."""
    return {
        "PLATFORM_NAME": settings.SCOTEMP_PLATFORM_NAME,
        "SCOTEMP_MODE": settings.MODE,
        "active_organization": getattr(request, "active_organization", None),
    }

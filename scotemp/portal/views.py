from django.shortcuts import redirect, render
from django.templatetags.static import static

from scotemp.core.pagecache import anonymous_page

from . import queries


@anonymous_page
def home(request):
    """The home page: mission, SCO countries, committees and live platform figures."""
    return render(request, "portal/home.html", queries.home_page())


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; resolved per request so that the
    # hashed name from the static manifest is used in production.
    return redirect(static("img/favicon.ico"), permanent=True)

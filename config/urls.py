from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("scotemp.portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("scotemp.accounts.urls")),
    path("committees/", include("scotemp.committees.urls")),
    path("directory/", include("scotemp.directory.urls")),
    path("verification/", include("scotemp.verification.urls")),
    path("leads/", include("scotemp.trade.urls")),
    path("deals/", include("scotemp.deals.urls")),
    path("logistics/", include("scotemp.logistics.urls")),
    path("imports/", include("scotemp.imports.urls")),
    path("events/", include("scotemp.events.urls")),
    path("projects/", include("scotemp.projects.urls")),
    path("delegations/", include("scotemp.delegations.urls")),
    path("notifications/", include("scotemp.notifications.urls")),
    path("reference/", include("scotemp.reference.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

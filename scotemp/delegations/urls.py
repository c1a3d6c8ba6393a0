from .views import urlpatterns as _pages

app_name = "delegations"

urlpatterns = [*_pages]

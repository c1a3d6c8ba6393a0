from .views import urlpatterns as _pages

app_name = "events"

urlpatterns = [*_pages]

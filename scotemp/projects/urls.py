from .views import urlpatterns as _pages

app_name = "projects"

urlpatterns = [*_pages]

"""Pages of the projects app."""

from . import projects, showcase

# The showcase's literal path comes before the project's <uuid> pages.
urlpatterns = [*showcase.urlpatterns, *projects.urlpatterns]

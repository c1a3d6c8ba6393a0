"""Pages of the logistics app, one module per noun; each module lists its own ``urlpatterns``
(composed in :mod:`scotemp.logistics.urls`)."""

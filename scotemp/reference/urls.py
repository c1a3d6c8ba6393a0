from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    path("countries/", views.countries, name="countries"),
    path("hs/", views.hs_browser, name="hs"),
    path("hs/<str:code>/", views.hs_browser, name="hs_code"),
]

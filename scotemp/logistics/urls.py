from django.urls import path

from .views import costs, freight, network, shipments

app_name = "logistics"

urlpatterns = [
    *network.urlpatterns,  # "" (index) and the route planner
    *costs.urlpatterns,
    *freight.urlpatterns,
    *shipments.urlpatterns,
]

__all__ = ["path", "urlpatterns"]

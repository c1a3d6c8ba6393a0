"""Pages of freight: the public directory of lane rates and service offers and a provider's own
(:mod:`.rates`), freight quote requests, the comparison and booking, the provider's inbox and quote
form, the threads (:mod:`.requests`)."""

from . import rates, requests

urlpatterns = [*rates.urlpatterns, *requests.urlpatterns]

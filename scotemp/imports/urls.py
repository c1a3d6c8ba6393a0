from .views import requirements, showcase

app_name = "imports"

urlpatterns = [
    *showcase.urlpatterns,  # "" (the showcase), demand/, checklist/
    *requirements.urlpatterns,
]

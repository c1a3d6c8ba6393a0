app_name = "verification"
urlpatterns = []

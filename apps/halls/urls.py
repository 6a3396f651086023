app_name = "halls"
urlpatterns = []

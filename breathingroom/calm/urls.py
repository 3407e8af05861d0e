
app_name = "calm"

urlpatterns: list = []

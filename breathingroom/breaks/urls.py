
app_name = "breaks"

urlpatterns: list = []

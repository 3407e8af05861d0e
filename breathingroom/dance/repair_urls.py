from django.urls import path

from breathingroom.dance import repair_views

app_name = "repair"

urlpatterns = [
    path("", repair_views.repair, name="repair"),
]

from django.urls import path

from breathingroom.dance import repair_views

app_name = "repair"

urlpatterns = [
    path("", repair_views.repair_page, name="repair"),
    path("begin/", repair_views.begin, name="begin"),
    path("write/", repair_views.write, name="write"),
    path("done/", repair_views.confirm, name="confirm"),
    path("pause/", repair_views.pause, name="pause"),
    path("resume/", repair_views.resume, name="resume"),
]

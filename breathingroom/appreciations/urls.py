from django.urls import path

from breathingroom.appreciations import views

app_name = "appreciations"

urlpatterns = [
    path("", views.index, name="index"),
    path("send/", views.send, name="send"),
    path("on-home/", views.home_part, name="on_home"),
    path("<uuid:pk>/put-away/", views.put_away, name="put_away"),
]

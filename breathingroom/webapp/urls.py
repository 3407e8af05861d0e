from django.urls import path

app_name = "webapp"

urlpatterns: list = []

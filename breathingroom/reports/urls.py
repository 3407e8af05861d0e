from django.urls import path

from breathingroom.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("sides/", views.sides, name="sides"),
    path("<uuid:pk>/", views.report, name="report"),
    path("<uuid:pk>.pdf", views.pdf, name="pdf"),
    path("<uuid:pk>/delete/", views.delete, name="delete"),
]

from django.urls import path

from breathingroom.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("prompts/", views.prompts, name="prompts"),
    path("search/", views.find, name="search"),
    path("shared/", views.shared, name="shared"),
    path("shared/live/", views.shared_live, name="shared_live"),
    path("<uuid:pk>/", views.entry, name="entry"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/delete/", views.delete, name="delete"),
    path("<uuid:pk>/share/", views.share, name="share"),
    path("<uuid:pk>/unshare/", views.unshare, name="unshare"),
]

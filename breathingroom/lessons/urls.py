from django.urls import path

from breathingroom.lessons import views

app_name = "lessons"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.screen, name="lesson"),
    path("<slug:slug>/<int:number>/", views.screen, name="screen"),
    path("<slug:slug>/question/", views.reflect, name="reflect"),
    path("<slug:slug>/done/", views.done, name="done"),
]

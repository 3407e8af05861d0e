from django.urls import path

from breathingroom.agreements import rhythm_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.show, name="show"),
    path("propose/", views.propose, name="propose"),
    path("<int:number>/", views.version, name="version"),
    path("<int:number>/accept/", views.accept, name="accept"),
    path("rhythm/<str:key>/skip/", rhythm_views.skip, name="skip_rhythm"),
]

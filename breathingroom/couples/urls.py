from django.urls import path

from breathingroom.couples import views

app_name = "couples"

urlpatterns = [
    path("invitations/", views.create_invitation, name="create_invitation"),
    path("invitations/<str:code>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("join/", views.join, name="join_by_code"),
    path("join/preview/", views.preview, name="preview"),
    # Links made before codes moved into the fragment; once their 72 hours are over, this goes.
    path("join/<str:code>/", views.old_join_link, name="join"),
    path("leave/", views.leave, name="leave"),
    path("pairing-changed/", views.pairing_changed, name="pairing_changed"),
]

from django.urls import path

from breathingroom.therapy import views

app_name = "therapy"

urlpatterns = [
    # The therapist's own pages.
    path("", views.couples, name="couples"),
    path("couples/<uuid:couple_id>/", views.couple, name="couple"),
    path("couples/<uuid:couple_id>/leave/", views.leave, name="leave"),
    # The emailed link, and the page it leads to once its key is put away.
    path("accept/<str:key>/", views.accept_link, name="accept_link"),
    path("accept/", views.accept, name="accept"),
    # The partners' side.
    path("seat/", views.seat, name="seat"),
    path("seat/invite/", views.invite, name="invite"),
    path("seat/invitations/<uuid:seat_id>/approve/", views.approve, name="approve"),
    path("seat/invitations/<uuid:seat_id>/decline/", views.decline, name="decline"),
    path("seat/share/", views.choose, name="choose"),
    path("seat/end/", views.end, name="end"),
]

from django.urls import path

from breathingroom.breaks import history_views, reconnect_views, talk_again_views, views

app_name = "breaks"

urlpatterns = [
    path("", views.take, name="take"),
    path("now/", views.now, name="now"),
    path("history/", history_views.history, name="history"),
    path("<uuid:break_id>/ready/", views.ready, name="ready"),
    path("<uuid:break_id>/extend/", views.extend, name="extend"),
    path("<uuid:break_id>/thinking-of-you/", views.thinking_of_you, name="thinking_of_you"),
    path("<uuid:break_id>/prepare/", views.prepare, name="prepare"),
    path("<uuid:break_id>/calendar.ics", views.calendar, name="calendar"),
    path("<uuid:break_id>/reconnect/", reconnect_views.reconnect, name="reconnect"),
    path("<uuid:break_id>/reconnect/back/", reconnect_views.back, name="back"),
    path("<uuid:break_id>/reconnect/check-in/", reconnect_views.check_in, name="check_in"),
    path("<uuid:break_id>/reconnect/move-on/", reconnect_views.move_on, name="move_on"),
    path("<uuid:break_id>/reconnect/breathe/", reconnect_views.breathe, name="breathe"),
    path("<uuid:break_id>/reconnect/more-minutes/", reconnect_views.more_minutes, name="more_minutes"),
    path("<uuid:break_id>/reconnect/go-on/", reconnect_views.go_on, name="go_on"),
    path("<uuid:break_id>/reconnect/said-back/", reconnect_views.said_back, name="said_back"),
    path("<uuid:break_id>/reconnect/heard/", reconnect_views.heard, name="heard"),
    path("<uuid:break_id>/reconnect/next-try/", reconnect_views.next_try, name="next_try"),
    path("<uuid:break_id>/reconnect/outcome/", reconnect_views.outcome, name="outcome"),
    path("<uuid:break_id>/talk-again/", talk_again_views.talk_again, name="talk_again"),
    path("<uuid:break_id>/talk-again/calendar.ics", talk_again_views.calendar, name="talk_again_calendar"),
    path("<uuid:break_id>/talk-again/move/", talk_again_views.move, name="move_talk_again"),
    path("<uuid:break_id>/talk-again/talked/", talk_again_views.talked, name="talked_again"),
]

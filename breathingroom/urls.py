from django.urls import include, path

from breathingroom import health
from breathingroom.accounts import signing_up
from breathingroom.api.api import api
from breathingroom.couples import views as couples_views

urlpatterns = [
    path("", couples_views.home, name="home"),
    path("couple/", include("breathingroom.couples.urls")),
    path("space/", include("breathingroom.breaks.urls")),
    path("agreement/", include("breathingroom.agreements.urls")),
    path("calm/", include("breathingroom.calm.urls")),
    path("body/", include("breathingroom.body.urls")),
    path("journal/", include("breathingroom.journal.urls")),
    path("phrasebook/", include("breathingroom.phrasebook.urls")),
    path("soft-start/", include("breathingroom.softstart.urls")),
    path("appreciations/", include("breathingroom.appreciations.urls")),
    path("dance/", include("breathingroom.dance.urls")),
    path("dance/<uuid:pk>/repair/", include("breathingroom.dance.repair_urls")),
    path("insights/", include("breathingroom.insights.urls")),
    path("therapist/", include("breathingroom.therapy.urls")),
    path("reports/", include("breathingroom.reports.urls")),
    path("lessons/", include("breathingroom.lessons.urls")),
    path("help/", include("breathingroom.help.urls")),
    path("first-session/", include("breathingroom.firstsession.urls")),
    path("", include("breathingroom.notify.urls")),
    path("", include("breathingroom.offers.urls")),
    path("settings/security/", include("breathingroom.security.urls")),
    path("settings/", include("breathingroom.accounts.urls")),
    path("settings/", include("breathingroom.yourdata.urls")),
    path("", include("breathingroom.safety.urls")),
    path("", include("breathingroom.webapp.urls")),
    # allauth's own sign-up views, each in one transaction; the includes below serve everything else.
    path("accounts/signup/", signing_up.page, name="account_signup"),
    path("_allauth/app/v1/auth/signup", signing_up.app, name="app_signup"),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", api.urls),
    path("healthz", health.healthz, name="healthz"),
    path("livez", health.livez, name="livez"),
]

handler500 = "breathingroom.safety.views.server_error"

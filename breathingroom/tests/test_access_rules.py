"""Every URL and every API operation keeps the access rule declared for it in access.py.

The app's URLs are read from Django's resolver and the API's operations from its OpenAPI document,
so a URL added without a rule, or a rule left behind by a removed URL, fails here. Each rule is then
tried for real: anonymous, signed in, the owner, the partner and robin, the outsider.
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from breathingroom.accounts.models import Person
from breathingroom.accounts.tests.test_headless import token_for
from breathingroom.api.api import api
from breathingroom.conftest import client_for
from breathingroom.couples.models import Couple
from breathingroom.tests.access import ALLAUTH_PREFIXES, OPERATIONS, PAGES, Kind, Owned, People, Rule
from breathingroom.therapy.tests.seating import held_seat, make_therapist


@dataclass(frozen=True)
class Url:
    name: str  # namespaced, like "breaks:extend"
    route: str  # like "space/<uuid:break_id>/extend/"
    view_module: str
    pattern: URLPattern

    @property
    def id(self) -> str:
        return self.name or self.route


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Url]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner or "")
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            module = getattr(entry.callback, "__module__", "") or ""
            yield Url(name, prefix + str(entry.pattern), module, entry)


def openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method.upper(), path) for path, item in schema["paths"].items() for method in item}


def urls() -> list[Url]:
    """Every URL pattern but the API's operations, which are checked through the OpenAPI document."""
    paths = {path for _method, path in operations()}
    return [
        url
        for url in _walk(get_resolver())
        if not (url.name.startswith("api:") and openapi_path(url.route) in paths and url.name not in PAGES)
    ]


def rule_for(url: Url) -> Rule | None:
    if url.name in PAGES:
        return PAGES[url.name]
    for prefix, rule in ALLAUTH_PREFIXES.items():
        if url.route.startswith(prefix) and url.view_module.startswith("allauth."):
            return rule
    return None


# --- Every URL has a rule, and every rule a URL -----------------------------------------------


def test_every_url_has_a_declared_rule():
    missing = [f"{url.id} ({url.route}, {url.view_module})" for url in urls() if rule_for(url) is None]
    assert not missing, "Declare who may reach these URLs in breathingroom/tests/access.py:\n" + "\n".join(missing)


def test_every_operation_has_a_declared_rule():
    missing = sorted(operations() - OPERATIONS.keys())
    assert not missing, "Declare who may call these operations in breathingroom/tests/access.py:\n" + "\n".join(
        f"{method} {path}" for method, path in missing
    )


def test_every_declared_rule_still_has_its_url():
    names = {url.name for url in _walk(get_resolver())}
    routes = [url.route for url in _walk(get_resolver())]
    gone = [name for name in PAGES if name not in names]
    gone += [prefix for prefix in ALLAUTH_PREFIXES if not any(route.startswith(prefix) for route in routes)]
    gone += [f"{method} {path}" for method, path in sorted(OPERATIONS.keys() - operations())]
    assert not gone, "These rules name URLs that no longer exist:\n" + "\n".join(gone)


# --- Trying each rule -------------------------------------------------------------------------

ALL_URLS = urls()


@pytest.fixture
def people(alex, sam, couple, robin, jo) -> People:
    dr_hale, dr_lee, dr_ortiz = (make_therapist(name) for name in ("Dr Hale", "Dr Lee", "Dr Ortiz"))
    held_seat(couple, dr_hale, ended=True)
    held_seat(couple, dr_lee)
    held_seat(Couple.objects.of(robin), dr_ortiz)
    return People(
        alex=alex, sam=sam, robin=robin, jo=jo, therapist=dr_lee, other_therapist=dr_ortiz, ex_therapist=dr_hale
    )


# Alex and Sam by name: no answer to a therapist outside their own pages, and none to another
# therapist anywhere, may name them.
THE_COUPLE = re.compile(r"\b(Alex|Sam)\b")


def names_the_couple(response) -> bool:
    return bool(THE_COUPLE.search(re.sub(r"</?bdi>", "", response.content.decode(errors="replace"))))


def _assert_answered_as_no_partner(who: str, method: str, url: str, response) -> None:
    """A therapist outside their own pages is someone with no partner: refused or answered, never shown the couple."""
    assert response.status_code < 500, describe(who, method, url, response)
    assert response.status_code != 401, describe(who, method, url, response)
    assert not sent_to_log_in(response), describe(who, method, url, response)
    assert not names_the_couple(response), describe(who, method, url, response)


def sample_kwargs(url: Url) -> dict[str, object]:
    """Arguments that fit the route, for URLs whose arguments name nothing in particular."""
    samples = {"int": 1, "uuid": uuid.uuid4()}
    kwargs: dict[str, object] = {
        name: samples.get(converter, "abc") for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", url.route)
    }
    # Regular-expression routes (allauth's keys and tokens) take letters and digits.
    kwargs.update(dict.fromkeys(re.findall(r"\(\?P<(\w+)>", url.route), "abc"))
    return kwargs


def without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def sent_to_log_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def reached(response) -> bool:
    """The view itself answered: not a 404, not a crash, not a request to sign in."""
    return response.status_code not in (401, 404) and response.status_code < 500 and not sent_to_log_in(response)


def kept_by_nobody(response) -> bool:
    """Browsers and proxies are told to keep no copy: a borrowed phone shows nothing of it later."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def describe(who: str, method: str, url: str, response) -> str:
    return f"{who} {method.upper()} {url} → {response.status_code} {response.content[:300]!r}"


def _assert_same_404(who: str, method: str, theirs: tuple[str, Any], nowhere: tuple[str, Any], body) -> None:
    """Someone else's thing and no thing at all answer the same: 404, word for word."""
    (url, response), (missing_url, missing) = theirs, nowhere
    assert response.status_code == 404, describe(who, method, url, response)
    assert missing.status_code == 404, describe(who, method, missing_url, missing)
    assert body(response) == body(missing), f"{who}: {url} and {missing_url} must answer alike"


@pytest.mark.parametrize("url", ALL_URLS, ids=[url.id for url in ALL_URLS])
def test_each_page_keeps_its_rule(url: Url, people: People):
    rule = rule_for(url)
    assert rule is not None, f"No rule for {url.id}: declare one in breathingroom/tests/access.py"
    made = rule.make(people) if rule.make else None
    kwargs = made.kwargs if made else rule.kwargs(people) if rule.kwargs else sample_kwargs(url)
    path = reverse(url.name, kwargs=kwargs)
    anonymous, alex = Client(), client_for(people.alex)

    if rule.kind is Kind.PUBLIC:
        response = anonymous.get(path)
        assert response.status_code == rule.status, describe("anonymous", "get", path, response)
        for method in rule.methods:
            assert getattr(alex, method)(path).status_code < 500
        return
    if rule.kind is Kind.ANONYMOUS_OK:
        for client in (anonymous, alex):
            response = client.get(path)
            assert response.status_code < 500, describe("someone", "get", path, response)
        return

    for method in rule.methods:
        response = getattr(anonymous, method)(path)
        assert sent_to_log_in(response), describe("anonymous", method, path, response)

    if rule.kind is Kind.SIGNED_IN:
        for method in rule.methods:
            response = getattr(alex, method)(path)
            assert reached(response), describe("alex", method, path, response)
            assert kept_by_nobody(response), describe("alex", method, path, response) + " may be cached"
        for name, person in people.therapists.items():
            for method in rule.methods:
                _assert_answered_as_no_partner(name, method, path, getattr(client_for(person), method)(path))
        return

    def call(client, method: str, kwargs: dict[str, object]) -> tuple[str, Any]:
        return page_call(client, method, url, kwargs)

    if rule.kind is Kind.THERAPIST:
        check_therapists_own(rule, made, people, call, path)
        return
    assert rule.kind is Kind.OWNED
    assert made is not None
    check_owned(rule, made, people, call)


def page_call(client: Client, method: str, url: Url, kwargs: dict[str, object]) -> tuple[str, Any]:
    path = reverse(url.name, kwargs=kwargs)
    return path, getattr(client, method)(path)


def check_owned(rule: Rule, made: Owned, people: People, call, json_body: bool = False) -> None:
    body = (lambda r: r.json()) if json_body else without_tokens
    clients: dict[int, Client | ApiClient] = {}

    def as_(person: Person):
        if person.pk not in clients:
            clients[person.pk] = ApiClient(person) if json_body else client_for(person)
        return clients[person.pk]

    for method in rule.methods:
        for name, outsider in {"robin": people.robin, **people.therapists}.items():
            _assert_same_404(
                name,
                method,
                call(as_(outsider), method, made.kwargs),
                call(as_(outsider), method, made.missing),
                body,
            )
        if made.partner is not None and not rule.partner_sees:
            _assert_same_404(
                "the partner",
                method,
                call(as_(made.partner), method, made.kwargs),
                call(as_(made.partner), method, made.missing),
                body,
            )
        url, response = call(as_(made.owner), method, made.missing)
        assert response.status_code == 404, describe("the owner", method, url, response)
        if made.partner is not None and rule.partner_sees:
            url, response = call(as_(made.partner), method, made.kwargs)
            assert reached(response), describe("the partner", method, url, response)
        url, response = call(as_(made.owner), method, made.kwargs)
        if method == "get":
            assert response.status_code == rule.status, describe("the owner", method, url, response)
        else:
            assert reached(response), describe("the owner", method, url, response)
        assert kept_by_nobody(response), describe("the owner", method, url, response) + " may be cached"


def check_therapists_own(rule: Rule, made: Owned | None, people: People, call, path: str, json_body: bool = False):
    """Only a therapist reaches a therapist's page; one naming a couple, only the therapist holding its seat now."""
    body = (lambda r: r.json()) if json_body else without_tokens
    clients: dict[int, Client | ApiClient] = {}

    def as_(person: Person):
        if person.pk not in clients:
            clients[person.pk] = ApiClient(person) if json_body else client_for(person)
        return clients[person.pk]

    outsiders = {"alex": people.alex, "sam": people.sam, "robin": people.robin, "jo": people.jo}
    assert people.therapist is not None
    for method in rule.methods:
        if made is None:
            for name, person in outsiders.items():
                url, response = call(as_(person), method, {})
                assert response.status_code == 404, describe(name, method, url, response)
            for name, person in people.therapists.items():
                url, response = call(as_(person), method, {})
                if method == "get":
                    assert response.status_code == rule.status, describe(name, method, url, response)
                else:
                    assert reached(response), describe(name, method, url, response)
                if person != people.therapist:
                    assert not names_the_couple(response), describe(name, method, url, response)
                assert kept_by_nobody(response), describe(name, method, url, response) + " may be cached"
            continue
        others = {**outsiders, **{n: p for n, p in people.therapists.items() if p != made.owner}}
        for name, person in others.items():
            _assert_same_404(
                name, method, call(as_(person), method, made.kwargs), call(as_(person), method, made.missing), body
            )
        url, response = call(as_(made.owner), method, made.missing)
        assert response.status_code == 404, describe("the therapist", method, url, response)
        url, response = call(as_(made.owner), method, made.kwargs)
        if method == "get":
            assert response.status_code == rule.status, describe("the therapist", method, url, response)
        else:
            assert reached(response), describe("the therapist", method, url, response)
        assert kept_by_nobody(response), describe("the therapist", method, url, response) + " may be cached"


# --- The API ----------------------------------------------------------------------------------


class ApiClient:
    """A phone signed in with allauth's app session token, with no cookies and no CSRF exemption."""

    def __init__(self, person: Person | None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"X-Session-Token": token_for(person.email)} if person else {}

    def call(self, method: str, path: str, body: dict[str, object]):
        if method == "GET":
            return self.client.get(path, headers=self.headers)
        send = getattr(self.client, method.lower())
        return send(path, json.dumps(body), content_type="application/json", headers=self.headers)


def fill(path: str, kwargs: dict[str, object]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), path)


OPERATION_IDS = [f"{method} {path}" for method, path in OPERATIONS]


@pytest.mark.parametrize(("method", "path"), list(OPERATIONS), ids=OPERATION_IDS)
def test_each_operation_keeps_its_rule(method: str, path: str, people: People):
    rule = OPERATIONS[(method, path)]
    made = rule.make(people) if rule.make else None
    kwargs = made.kwargs if made else {}
    url = fill(path, kwargs)

    response = ApiClient(None).call(method, url, rule.body)
    if rule.kind is Kind.PUBLIC:
        assert response.status_code < 500, describe("anonymous", method, url, response)
        assert response.status_code != 401, describe("anonymous", method, url, response)
        return
    assert response.status_code == 401, describe("anonymous", method, url, response)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]

    if rule.kind is Kind.SIGNED_IN:
        response = ApiClient(people.alex).call(method, url, rule.body)
        assert response.status_code != 401, describe("alex", method, url, response)
        assert response.status_code < 500, describe("alex", method, url, response)
        assert kept_by_nobody(response), describe("alex", method, url, response) + " may be cached"
        for name, person in people.therapists.items():
            _assert_answered_as_no_partner(name, method, url, ApiClient(person).call(method, url, rule.body))
        return

    operation = dataclasses.replace(rule, methods=(method.lower(),))

    def call(client: ApiClient, _method: str, kwargs: dict[str, object]) -> tuple[str, Any]:
        target = fill(path, kwargs)
        return target, client.call(method, target, rule.body)

    if rule.kind is Kind.THERAPIST:
        check_therapists_own(operation, made, people, call, url, json_body=True)
        return
    assert rule.kind is Kind.OWNED
    assert made is not None
    check_owned(operation, made, people, call, json_body=True)

"""Which push addresses this server may send to: https on a public name whose every address is public."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.notify import addresses
from breathingroom.notify.addresses import BadEndpoint, NotPublic, is_public
from breathingroom.tests.test_deploy import PRODUCTION, manage

FCM = "142.250.180.10"
MOZILLA = "2600:1901:0:92a9::"

NOT_PUBLIC_NETWORKS = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
]


@given(st.sampled_from(NOT_PUBLIC_NETWORKS).flatmap(lambda network: st.ip_addresses(network=network)))
def test_no_address_of_a_private_or_special_network_is_public(address):
    assert not is_public(address)
    if address.version == 4:
        # The same address inside an IPv6 one still reaches it: mapped, 6to4, NAT64.
        assert not is_public(ipaddress.IPv6Address(f"::ffff:{address}"))
        assert not is_public(ipaddress.IPv6Address((0x2002 << 112) | (int(address) << 80)))
        assert not is_public(ipaddress.IPv6Address(f"64:ff9b::{address}"))


@pytest.mark.parametrize("address", [FCM, "17.253.144.10", "2a00:1450:4009:81f::200a", MOZILLA])
def test_the_addresses_of_real_push_services_are_public(address):
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/abc",  # not encrypted in transit
        "http://127.0.0.1:8123/any/path",
        "https://127.0.0.1/push",
        "https://[::1]/push",
        "https://10.0.0.7/push/abc",
        "https://172.16.4.2/push",
        "https://192.168.1.1/push",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::ffff:127.0.0.1]/push",
        "https://[::ffff:7f00:1]/push",
        "https://0.0.0.0/push",
        "https://2130706433/push",  # 127.0.0.1 as one number
        "http://2130706433/",
        "https://0177.0.0.1/push",  # octal
        "https://0x7f.1/push",  # hexadecimal
        "https://142.250.180.10/push",  # even a public address: a push service has a name
        "https://localhost/push",
        "https://push.localhost/push",
        "https://intranet/push",
        "https://user:pw@push.example.com/abc",
        "https://push.example.com@127.0.0.1/abc",
        "https://:@push.example.com/abc",
        "ftp://push.example.com/abc",
        "HTTPS://push.example.com/abc",
        "https://push.example.com:99999/abc",
        "https://push.example.com/" + "a" * 1000,
        "https://push.example.com/" + "a" * 3000,
        "https://push.example.com/a b",
        "not a url",
        "",
    ],
)
def test_addresses_that_are_no_public_push_service_are_refused(names, endpoint):
    names.give("push.example.com", [FCM])
    with pytest.raises(BadEndpoint) as refused:
        addresses.check(endpoint)
    assert str(refused.value)


@pytest.mark.parametrize(
    "answer",
    [
        ["127.0.0.1"],
        ["::1"],
        ["10.1.2.3"],
        ["172.31.255.255"],
        ["192.168.0.10"],
        ["169.254.169.254"],
        ["100.64.0.1"],
        ["fd00:ec2::254"],
        ["::ffff:10.0.0.1"],
        ["0.0.0.0"],  # noqa: S104 (an address to refuse, not to bind)
        [FCM, "127.0.0.1"],  # one inward address among public ones is enough to refuse
        [MOZILLA, "fe80::1"],
        [],  # not found
    ],
)
def test_a_name_that_resolves_inwards_or_not_at_all_is_refused(names, answer):
    names.give("push.sneaky.example", answer)
    with pytest.raises(NotPublic) as refused:
        addresses.check("https://push.sneaky.example/wpush/abc")
    # The same words whether the name points inwards or nowhere: no map of the private network.
    assert str(refused.value) == str(NotPublic.message)


@pytest.mark.parametrize(
    ("endpoint", "answer"),
    [
        ("https://fcm.googleapis.com/fcm/send/abc:def", [FCM]),
        ("https://updates.push.services.mozilla.com/wpush/v2/abc", [MOZILLA]),
        ("https://web.push.apple.com:8443/QGx", ["17.253.144.10", "2620:149:a44::10"]),
        ("https://fcm.googleapis.com./fcm/send/abc", [FCM]),
    ],
)
def test_push_services_on_public_names_are_taken(names, endpoint, answer):
    names.give(endpoint.split("/")[2].split(":")[0].rstrip("."), answer)
    destination = addresses.check(endpoint)
    assert destination.address == answer[0]
    assert destination.url == endpoint


def test_a_push_service_on_this_machine_only_with_the_test_setting_and_never_in_production(names, settings):
    names.give("push.local.example", ["127.0.0.1"])
    endpoint = "https://push.local.example:8443/push/abc"
    with pytest.raises(NotPublic):
        addresses.check(endpoint)
    settings.PUSH_ALLOWED_PRIVATE_ENDPOINTS = True
    assert addresses.check(endpoint).address == "127.0.0.1"
    # Still only https on a name, even then.
    with pytest.raises(BadEndpoint):
        addresses.check("http://push.local.example:8443/push/abc")
    with pytest.raises(BadEndpoint):
        addresses.check("https://127.0.0.1:8443/push/abc")
    settings.PRODUCTION = True
    with pytest.raises(NotPublic):
        addresses.check(endpoint)


def test_production_refuses_to_start_with_private_push_services_allowed(tmp_path):
    result = manage("check", tmp_path=tmp_path, **PRODUCTION, PUSH_ALLOWED_PRIVATE_ENDPOINTS="1")
    assert result.returncode != 0
    assert "PUSH_ALLOWED_PRIVATE_ENDPOINTS is for tests only" in result.stderr

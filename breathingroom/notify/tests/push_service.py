"""A Web Push service of our own, on this machine, that does what a browser vendor's would.

It checks the VAPID signature on every request (ES256 over the JWT, audience = its own origin, key
= this server's public key), decrypts the body (aes128gcm, RFC 8291) with the private key and auth
secret of a device the test made itself, as a browser would, and keeps what it read. It can be told
to answer a device with another status, or to hang past the sender's timeout.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

HANG = "hang"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """What a browser keeps for one subscription, and what it hands the page (endpoint and keys)."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    @property
    def path(self) -> str:
        return "/" + self.endpoint.split("/", 3)[3]


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    claims: dict[str, Any]
    notice: dict[str, Any]


@dataclass
class PushService:
    vapid_public_key: str
    origin: str = ""
    devices: dict[str, Device] = field(default_factory=dict)
    received: list[Delivery] = field(default_factory=list)
    # Requests that came in, whatever the answer (hung ones too).
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    answers: dict[str, list[int | str]] = field(default_factory=dict)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def new_device(self) -> Device:
        path = f"/push/{b64url(os.urandom(12))}"
        device = Device(self.origin + path, ec.generate_private_key(ec.SECP256R1()), os.urandom(16))
        self.devices[path] = device
        return device

    def answer(self, device: Device, *answers: int | str) -> None:
        """Answer the next requests for ``device`` with these statuses (or HANG), then with 201."""
        self.answers.setdefault(device.path, []).extend(answers)

    def to(self, device: Device) -> list[dict[str, Any]]:
        """The notices ``device`` was sent and accepted, decrypted, oldest first."""
        return [d.notice for d in self.received if d.path == device.path]

    def deliveries(self, device: Device) -> list[Delivery]:
        return [d for d in self.received if d.path == device.path]

    # --- the service's side ------------------------------------------------------------------------

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> int | str:
        with self.lock:
            self.requests.append(path)
            queued = self.answers.get(path)
            answer = queued.pop(0) if queued else 201
        device = self.devices.get(path)
        if device is None:
            return 404
        try:
            claims = self._check_vapid(headers.get("authorization", ""))
            if headers.get("content-encoding") != "aes128gcm":
                raise ValueError(f"content-encoding {headers.get('content-encoding')!r}")
            if not headers.get("ttl", "").isdigit():
                raise ValueError("no TTL")
            plain = http_ece.decrypt(body, private_key=device.private_key, auth_secret=device.auth_secret)
            notice = json.loads(plain)
        except Exception as error:
            self.problems.append(f"{path}: {error!r}")
            return 400
        if answer == 201:
            self.received.append(Delivery(path, headers, claims, notice))
        return answer

    def _check_vapid(self, authorization: str) -> dict[str, Any]:
        scheme, _, params = authorization.partition(" ")
        if scheme != "vapid":
            raise ValueError(f"authorization scheme {scheme!r}")
        parts = dict(part.split("=", 1) for part in params.split(","))
        if parts["k"] != self.vapid_public_key:
            raise ValueError("signed with another key")
        header, claims, signature = parts["t"].split(".")
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        try:
            key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise ValueError("bad VAPID signature") from None
        if json.loads(unb64url(header)) != {"typ": "JWT", "alg": "ES256"}:
            raise ValueError("JWT header")
        decoded = json.loads(unb64url(claims))
        if decoded["aud"] != self.origin:
            raise ValueError(f"aud {decoded['aud']!r}")
        if not time.time() < decoded["exp"] <= time.time() + 24 * 3600:
            raise ValueError("exp")
        if not decoded["sub"].startswith(("mailto:", "https://")):
            raise ValueError("sub")
        return decoded


def serve(service: PushService) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            answer = service.handle(self.path, headers, body)
            if answer == HANG:
                service.released.wait(30)
                return
            self.send_response(int(answer))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    service.origin = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="push-service", daemon=True).start()
    return server

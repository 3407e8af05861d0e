"""A Web Push service of our own, on this machine, that does what a browser vendor's would.

It checks the VAPID signature on every request (ES256 over the JWT, audience = its own origin, key
= this server's public key), decrypts the body (aes128gcm, RFC 8291) with the private key and auth
secret of a device the test made itself, as a browser would, and keeps what it read. It can be told
to answer a device with another status, or to hang past the sender's timeout.

Like a real one it is reached over https by a name (``NAME``, which the tests resolve to this
machine), with a certificate for that name that only the tests trust; it keeps the name each
connection asked for (SNI), so a test can see that the sender spoke to it as the name.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import http_ece
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

HANG = "hang"
# A made-up name: nothing outside the tests knows it, and .test never resolves on the internet.
NAME = "push.breathingroom.test"


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
    # The name each TLS connection asked for (SNI), in order.
    server_names: list[str | None] = field(default_factory=list)

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


def certificate(directory: Path, name: str = NAME) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` and its key, as files: the certificate is its own authority."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / f"{name}.pem", directory / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def serve(service: PushService, cert_file: Path, key_file: Path, name: str = NAME) -> ThreadingHTTPServer:
    """Serve ``service`` over https on this machine, as ``https://{name}:{port}``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)

    def remember_name(sock: ssl.SSLObject | ssl.SSLSocket, server_name: str | None, ctx: ssl.SSLContext) -> None:
        service.server_names.append(server_name)

    context.sni_callback = remember_name  # type: ignore[assignment]

    class Server(ThreadingHTTPServer):
        # The handshake happens in the request's own thread, so one slow client holds up no other.
        def finish_request(self, request: Any, client_address: Any) -> None:
            try:
                wrapped = context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
            try:
                super().finish_request(wrapped, client_address)
            finally:
                wrapped.close()

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

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    service.origin = f"https://{name}:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="push-service", daemon=True).start()
    return server


class Names:
    """The answers a resolver gives for the names a test made up; any other name is looked up as usual.

    There is no DNS here, and a test needs names that resolve to this machine, or to a public
    address, or differently from one lookup to the next.
    """

    def __init__(self, looked_up: Callable[..., Any]) -> None:
        self.looked_up = looked_up
        self.answers: dict[str, list[list[str]]] = {}
        self.asked: list[str] = []

    def give(self, name: str, *answers: list[str]) -> None:
        """Answer ``name`` with each list of addresses in turn, and with the last one from then on."""
        self.answers[name] = list(answers)

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in self.answers:
            return self.looked_up(host, port, *args, **kwargs)
        self.asked.append(name)
        queue = self.answers[name]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        found = []
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            where = (address, int(port or 0), 0, 0) if family == socket.AF_INET6 else (address, int(port or 0))
            found.append((family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", where))
        return found

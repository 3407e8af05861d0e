"""Static files as `make run` and production serve them: collected, named by their content,
compressed, and kept by browsers for good. Run as real processes, like the operator's own."""

from __future__ import annotations

import json

import pytest

from breathingroom.tests.test_deploy import manage

FETCH = """
import json, re
from django.test import Client
from django.templatetags.static import static
url = static("breathingroom/app.css")
client = Client()
page = client.get("/accounts/login/", secure=True, headers={"host": "localhost"})
out = {"url": url, "linked": url in page.content.decode()}
for encoding in ("br", "gzip", "identity"):
    response = client.get(url, secure=True, headers={"accept-encoding": encoding, "host": "localhost"})
    out[encoding] = {"status": response.status_code, "encoding": response.get("Content-Encoding", ""),
                     "cache": response.get("Cache-Control", "")}
    response.close()
print(json.dumps(out))
"""


def served(var_dir, **env: str) -> dict:
    result = manage("shell", "-c", FETCH, tmp_path=var_dir, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_compressed_and_kept(found: dict) -> None:
    assert found["linked"], "pages must link the collected, hashed file"
    assert found["url"] != "/static/breathingroom/app.css", "the name carries a hash of the content"
    assert found["br"]["encoding"] == "br"
    assert found["gzip"]["encoding"] == "gzip"
    for encoding in ("br", "gzip", "identity"):
        assert found[encoding]["status"] == 200
        assert "immutable" in found[encoding]["cache"]
        assert "max-age=315360000" in found[encoding]["cache"]


# Production uses the same storage (STATIC_COLLECTED is always on there); one run proves both.
@pytest.mark.once
def test_make_runs_embedded_default_serves_static_files_compressed_and_kept_for_good(collected):
    assert_compressed_and_kept(served(collected, STATIC_COLLECTED="1"))

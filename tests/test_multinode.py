"""Several web nodes: two gunicorn processes in production mode, each with a data directory of its
own, sharing PostgreSQL, Redis (cache, sessions, sign-in counters, task queue) and one uploads store,
as the README's "Several web nodes" describes. A user who signs in on one node goes on on the other;
a file uploaded through one is downloaded through the other; failed passwords counted by both lock
the account for both.

Runs on PostgreSQL with Redis only (the layout needs a database server and a shared cache); skipped
on the embedded SQLite setup, which is one machine by definition."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.db import connection

from scotemp.accounts.tests.test_throttling import database_env
from scotemp.verification.models import VerificationDocument
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (connection.vendor == "postgresql" and settings.REDIS_URL),
        reason="several web nodes need PostgreSQL and Redis (DATABASE_URL=postgres://…, REDIS_URL)",
    ),
]

ROOT = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
THROTTLED = "Too many failed password attempts for this account"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    """One web node: ``gunicorn config.wsgi`` as the README runs it, behind a TLS proxy (every request
    says ``X-Forwarded-Proto: https``), with its own data directory."""

    def __init__(self, name: str, env: dict, tmp: Path):
        self.name = name
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        var_dir = tmp / f"node-{name}"
        var_dir.mkdir()
        command = [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
        self.log = open(var_dir / "gunicorn.log", "w")  # closed in stop()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**env, "SCOTEMP_VAR_DIR": str(var_dir)}, stdout=self.log, stderr=self.log
        )

    def wait(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_tail()
            try:
                requests.get(f"{self.url}/favicon.ico", headers=FORWARDED, allow_redirects=False, timeout=5)
                return
            except requests.RequestException:  # not listening yet, or the worker still importing
                time.sleep(0.2)
        raise AssertionError(f"node {self.name} did not start")

    def log_tail(self) -> str:
        return Path(self.log.name).read_text()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


PRODUCTION = {"SCOTEMP_MODE": "production", "ALLOWED_HOSTS": "127.0.0.1,localhost", "BEHIND_TLS_PROXY": "1"}
FORWARDED = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}


class Browser:
    """A browser that keeps its cookies whichever node answers (the nodes sit behind one address in
    production; here each has its own port, so cookies are kept by hand: they are Secure, and the
    nodes are reached over plain HTTP behind the pretend proxy)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def _headers(self, node: Node, path: str) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**FORWARDED, "Cookie": cookie, "Referer": f"https://127.0.0.1:{node.port}{path}"}

    def _keep(self, response) -> None:
        for name, value in response.cookies.items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)

    def get(self, node: Node, path: str) -> requests.Response:
        response = requests.get(
            node.url + path, headers=self._headers(node, path), allow_redirects=False, timeout=30
        )
        self._keep(response)
        return response

    def post(self, node: Node, path: str, data: dict, files=None) -> requests.Response:
        form = self.get(node, path if files is None else data.pop("_form"))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, f"no form on {path} ({form.status_code}): {node.log_tail()}"
        data = {"csrfmiddlewaretoken": token.group(1), **data}
        response = requests.post(
            node.url + path,
            data=data,
            files=files,
            headers=self._headers(node, path),
            allow_redirects=False,
            timeout=30,
        )
        self._keep(response)
        return response

    def sign_in(self, node: Node, email: str, password: str) -> requests.Response:
        return self.post(node, "/accounts/login/", {"login": email, "password": password})


def errors(response: requests.Response) -> str:
    """The error messages of a page (for assertion messages)."""
    found = re.findall(r'class="[^"]*(?:error|alert)[^"]*"[^>]*>(.*?)</', response.text, flags=re.S)
    return " | ".join(" ".join(text.split()) for text in found) or response.text[:300]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Static files collected once, as a deployment does before starting the nodes."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, **PRODUCTION, "STATIC_ROOT": str(root), "SECRET_KEY": secrets.token_urlsafe(64)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    return root


@pytest.fixture(scope="module")
def nodes(django_db_setup, static_root, tmp_path_factory):
    """Two nodes for the module's tests (each test brings its own rows, committed, and removes them)."""
    tmp_path = tmp_path_factory.mktemp("nodes")
    shared_uploads = tmp_path / "uploads"  # one store every node mounts (NFS, a shared volume …)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(64),
        REDIS_URL=settings.REDIS_URL,
        MEDIA_ROOT=str(shared_uploads),
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        DEBUG="0",
        **database_env(),
    )
    started = [Node("a", env, tmp_path), Node("b", env, tmp_path)]
    try:
        for node in started:
            node.wait()
        yield started
    finally:
        for node in started:
            node.stop()


@pytest.fixture
def member(transactional_db):
    organization = OrganizationFactory(name="Irtysh Grain LLP")
    user = UserFactory(email="grain@irtysh.test")
    # Hashed as production hashes it: the test settings' fast hasher is not among the nodes' hashers.
    user.password = make_password(DEFAULT_PASSWORD, hasher=PBKDF2PasswordHasher())
    user.save(update_fields=["password"])
    MembershipFactory(user=user, organization=organization, role="owner")
    return user, organization


def test_a_session_started_on_one_node_goes_on_on_the_other(nodes, member):
    node_a, node_b = nodes
    user, organization = member
    browser = Browser()
    signed_in = browser.sign_in(node_a, user.email, DEFAULT_PASSWORD)
    assert signed_in.status_code == 302, errors(signed_in)
    page = browser.get(node_b, f"/verification/{organization.public_id}/")
    assert page.status_code == 200, page.text[:500]
    assert organization.name in page.text

    # Signing out on B ends the session on A too.
    assert browser.post(node_b, "/accounts/logout/", {}).status_code == 302
    assert browser.get(node_a, f"/verification/{organization.public_id}/").status_code in {302, 404}


def test_a_file_uploaded_through_one_node_is_downloaded_through_the_other(nodes, member):
    node_a, node_b = nodes
    user, organization = member
    browser = Browser()
    signed_in = browser.sign_in(node_b, user.email, DEFAULT_PASSWORD)
    assert signed_in.status_code == 302, errors(signed_in)
    status_page = f"/verification/{organization.public_id}/"
    upload = browser.post(
        node_a,
        f"{status_page}documents/",
        {"kind": "registration", "_form": status_page},
        files={"file": ("certificate.pdf", PDF, "application/pdf")},
    )
    assert upload.status_code == 302, upload.text[:1000]
    document = VerificationDocument.objects.get(organization=organization)
    download = browser.get(node_b, f"{status_page}documents/{document.public_id}/")
    assert download.status_code == 200
    assert download.content == PDF


def test_failed_passwords_counted_on_both_nodes_lock_the_account_on_both(nodes, member):
    node_a, node_b = nodes
    user, _organization = member
    for attempt in range(5):  # five wrong passwords, alternating nodes, from one browser each time
        reply = Browser().sign_in(nodes[attempt % 2], user.email, "not-the-password")
        assert reply.status_code == 200 and THROTTLED not in reply.text
    for node in (node_a, node_b):
        reply = Browser().sign_in(node, user.email, DEFAULT_PASSWORD)
        assert reply.status_code == 200 and THROTTLED in reply.text, node.name

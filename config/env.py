"""Reading settings from the environment, failing loudly where a production value is missing.

Secrets may come from the variable itself or from a file named by ``<NAME>_FILE`` (Docker and
systemd credentials style), so a secret never has to sit in the process environment.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}


def env(name: str, default: str | None = None) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE points at {file_name!r}, which cannot be read: {exc}"
            ) from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def require(name: str, value, hint: str):
    """Fail at start-up with a message that says what to set."""
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. {hint}")
    return value


# Django's own bar for a secret key (check --deploy, security.W009).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"


def require_strong_secret_key(value: str) -> str:
    """Refuse a secret key that Django's deployment check would call weak; never echo the key."""
    if (
        len(value) < SECRET_KEY_MIN_LENGTH
        or len(set(value)) < SECRET_KEY_MIN_UNIQUE
        or value.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak ({len(value)} characters, {len(set(value))} distinct): it needs at "
            f"least {SECRET_KEY_MIN_LENGTH} characters with at least {SECRET_KEY_MIN_UNIQUE} distinct ones "
            f"and must not start with {SECRET_KEY_INSECURE_PREFIX!r}. Set SECRET_KEY (or SECRET_KEY_FILE) "
            "to e.g. the output of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    return value


def refuse_wildcard_hosts(hosts: list[str]) -> list[str]:
    """Refuse ``*`` in ALLOWED_HOSTS: any Host header would then name the site in its links."""
    if "*" in hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS contains '*', which accepts any Host header (and puts it into password-reset "
            "and sign-in links). Set ALLOWED_HOSTS to the comma-separated host names of the site, "
            "e.g. temp.example.org."
        )
    return hosts

"""Helpers shared by the deals API routers: error shapes, form validation, paging, shared inputs."""

from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema, Status

from scotemp.core.api.errors import ErrorOut, validation_body, validation_status

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MAX_LIMIT = 100


def dec(value) -> str | None:
    """A decimal as an exact string (``None`` stays ``None``)."""
    return None if value is None else str(value)


def org_out(org) -> dict:
    return {
        "public_id": org.public_id,
        "name": org.name,
        "name_latin": org.name_latin,
        "country": org.country_id,
    }


def form_data(payload: dict) -> dict:
    """A JSON body as form data: ``None`` reads as an empty field."""
    return {key: ("" if value is None else value) for key, value in payload.items()}


def invalid(form):
    """422 with every field error of a form, the message alone when there is exactly one."""
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [""])
    detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
    return Status(422, {"detail": detail, "errors": errors})


def run(fn, *args, **kwargs):
    """Call an action: a conflict stays an exception (409), other rule errors become 422."""
    try:
        return fn(*args, **kwargs), None
    except ValidationError as exc:
        if validation_status(exc) == 409:
            raise
        return None, Status(422, validation_body(exc))


def page(qs, limit: int, offset: int) -> tuple[int, list, int, int]:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return qs.count(), list(qs[offset : offset + limit]), limit, offset


class OrgOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str | None


class TradeTermsIn(Schema):
    """Fields shared by a quotation and a term sheet (``TradeTermsForm`` and its subclasses validate
    them); every field optional here so that the form names what is missing."""

    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    currency: str | None = None
    incoterm: str | None = None
    incoterm_place: str | None = None
    payment_terms: str | None = None

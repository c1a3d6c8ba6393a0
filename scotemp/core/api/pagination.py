"""One way to page every list endpoint: ``?page=N&limit=M`` in, a :class:`Page` out.

``page`` counts from 1 and ``limit`` is at most :data:`MAX_LIMIT`; out-of-range values are refused
with 422 naming the parameter (never a 500, never a silently different page). The body carries the
total, the page and limit actually used, and absolute links to the next and previous pages (``null``
at either end), so a client follows ``next`` until it is ``null``. A search whose total is capped
says so with ``total_is_exact: false``.
"""

from typing import Generic, TypeVar

from django.http import QueryDict
from ninja import Field, Schema

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_PAGE = 10_000  # a deeper page is refused: narrow the query instead


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit


class Page(Schema, Generic[T]):
    total: int
    total_is_exact: bool = True
    page: int
    limit: int
    next: str | None = None
    previous: str | None = None
    results: list[T]


def _link(request, page: int) -> str:
    query: QueryDict = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_of(request, params: PageParams, results: list, total: int, *, exact: bool = True) -> dict:
    """The page body for ``results`` (already sliced to ``params``) out of ``total`` items."""
    has_next = params.offset + len(results) < total and len(results) == params.limit
    return {
        "total": total,
        "total_is_exact": exact,
        "page": params.page,
        "limit": params.limit,
        "next": _link(request, params.page + 1) if has_next and params.page < MAX_PAGE else None,
        "previous": _link(request, params.page - 1) if params.page > 1 else None,
        "results": results,
    }


def paginate(request, queryset, params: PageParams, *, transform=None) -> dict:
    """Count ``queryset``, take the requested page and build its body; ``transform`` turns the page's
    rows into output items (called once with the whole list, so it can prefetch in bulk)."""
    total = queryset.count()
    rows = list(queryset[params.offset : params.offset + params.limit]) if params.offset < total else []
    return page_of(request, params, transform(rows) if transform else rows, total)

"""Querysets compiled to SQL once per process and run many times with new values.

Building a queryset and compiling it (joins, ``select_related``, the permission filter's subquery,
``values()``) costs the hot pages more than running the SQL: two to five times for a dozen rows.
The SQL of such a read depends only on the code and on a few values (a user, an organization, a
public id). A :class:`PreparedQuery` builds the queryset once per database alias, with a distinct
stand-in value in each variable place (a *slot*), compiles it, and remembers where each stand-in
landed among the statement's parameters. Each later call only substitutes the real values there,
runs the statement and turns the rows into what the queryset itself would have returned (model
instances with their ``select_related`` rows, ``values()`` dicts, ``values_list()`` tuples or flat
values), through the same converters.

A call whose values a stand-in cannot represent (``None``, an empty list, an operator or a user bound
to one organization by a token, whose permission filters differ in shape) evaluates the queryset
through the ORM instead: the result is the same, only slower. Tests compare both ways.

Slot types:

* ``int``, ``str``, ``uuid.UUID``: one value;
* ``list[int]``, ``list[str]``: a non-empty list for an ``__in`` lookup (the placeholder grows to
  its length);
* ``USER``: the reader. For a signed-in member (neither operator nor bound) the build function
  receives a stand-in user whose primary key is the slot, so ``Model.objects.visible_to(user)``
  compiles once for every member; for a visitor it receives an anonymous user (a statement of its
  own, with no user in it).

Arguments not named as slots are *variants*: passed to the build function as given and part of the
cache key (keep their values few: a flag, a choice).

The build function only builds: it may not read the database (a query run while it builds the
stand-in's queryset is refused), nor anything remembered on the real user, which the stand-in has not.

``unconverted`` names ``values()`` columns handed over as the database returned them (a JSON column
whose rows decode it only when read, say); the ORM fallback still converts them.
"""

import functools
import re
import typing
import uuid
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    QuerySet,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.http import Http404
from django.utils.translation import get_language

from .permissions import bound_organization_id, is_operator

USER = "user"
_INT_BASE = -7_391_046_218_553_000_000  # far from any id, count or amount
_PLACEHOLDER = re.compile(r"(%%|%s)")


class _Slot:
    """A slot's stand-in value and how a real value is checked and prepared for the statement."""

    def __init__(self, name: str, kind, index: int):
        self.name, self.kind = name, kind
        self.item = typing.get_args(kind)[0] if typing.get_origin(kind) is list else None
        base = self.item or kind
        if base is int or kind == USER:
            self.sample = _INT_BASE - index
        elif base is str:
            self.sample = f"\ue000prepared-slot-{index}\ue000"
        elif kind is uuid.UUID:
            self.sample = uuid.UUID(int=(0x5107 << 112) + index)
        else:
            raise TypeError(
                f"slot {name}: unsupported type {kind!r} (int, str, uuid.UUID, list[int], list[str], USER)"
            )

    def shape(self, value) -> str | None:
        """The form of statement ``value`` needs ("value", or "member" / "visitor" for a user), or
        None when no stand-in can take its place (the call goes through the ORM)."""
        if self.kind == USER:
            if value is None or not value.is_authenticated:
                return "visitor"  # the permission filters read no value of a visitor
            member = value.pk is not None and not is_operator(value) and bound_organization_id(value) is None
            return "member" if member else None
        if self.item is not None:
            return "value" if value and all(type(v) is self.item for v in value) else None
        if self.kind is uuid.UUID:
            return "value" if isinstance(value, uuid.UUID) else None
        return "value" if type(value) is self.kind else None

    def stand_in(self, shape: str):
        """What the build function receives for this slot."""
        if self.item is not None:
            return [self.sample]
        if self.kind == USER:
            from django.contrib.auth import get_user_model
            from django.contrib.auth.models import AnonymousUser

            return (
                AnonymousUser()
                if shape == "visitor"
                else get_user_model()(pk=self.sample, is_superuser=False)
            )
        return self.sample

    def matches(self, param) -> str | None:
        """How ``param`` (a compiled parameter) holds the stand-in: "same", "hex" or None."""
        if type(param) is type(self.sample) and param == self.sample:
            return "same"
        if self.kind is uuid.UUID and param == self.sample.hex:
            return "hex"
        return None

    def prepared(self, value, how: str):
        if self.kind == USER:
            return value.pk
        if how == "hex":
            return value.hex
        return value


def prepared_cursor(connection):
    """A cursor of ``connection`` (Django's wrapper: errors, query logs and execute wrappers as usual)
    whose statements PostgreSQL plans once per connection: a server-side binding cursor, which psycopg
    prepares at the first execution on each connection (``prepare_threshold`` 0 in the settings;
    Django's own cursors bind on the client and are never prepared). Also for a hot read written in
    SQL; its text must not vary from call to call (every distinct text is a statement kept on the
    connection). Elsewhere, Django's cursor."""
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") != 0:
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = ServerBindingCursor(connection.connection)
    return _debug_cursor()(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


@functools.cache
def _debug_cursor():
    from django.db.backends.postgresql.base import CursorDebugWrapper
    from django.db.backends.utils import CursorWrapper

    class PreparedDebugCursor(CursorDebugWrapper):
        """Logs the statement with its values, as for any other query (psycopg keeps no text of an
        execution by name for Django to read back)."""

        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(sql, params)):
                return CursorWrapper.execute(self, sql, params)

    return PreparedDebugCursor


class _Statement:
    """One compiled form of the query: SQL split at its placeholders, each placeholder's constant or
    slot, and how rows become results."""

    def __init__(self, queryset: QuerySet, slots: list[_Slot], using: str, unconverted=()):
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        if compiler.has_composite_fields([s[0] for s in compiler.select]):
            raise TypeError("composite primary keys are not supported")
        # The SQL's text between its "%s" placeholders ("%%", an escaped percent sign, stays text).
        pieces = _PLACEHOLDER.split(sql)
        self.parts = [pieces[0]]
        for separator, text in zip(pieces[1::2], pieces[2::2], strict=True):
            if separator == "%%":
                self.parts[-1] += separator + text
            else:
                self.parts.append(text)
        if len(self.parts) - 1 != len(params):
            raise ValueError("the compiled SQL's placeholders do not match its parameters")
        self.marks = []  # per placeholder: (slot, how it is prepared) or (None, the constant)
        found = set()
        for param in params:
            for slot in slots:
                how = slot.matches(param)
                if how:
                    self.marks.append((slot, how))
                    found.add(slot.name)
                    break
            else:
                self.marks.append((None, param))
        missing = {slot.name for slot in slots} - found
        if missing:
            raise ValueError(
                f"slots {sorted(missing)} were not found among the compiled parameters: use them as "
                "plain lookup values (exact, in, a foreign key's id), not transformed (icontains, …)"
            )
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        self.col_count = compiler.col_count
        self.iterable = queryset._iterable_class
        query = queryset.query
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        if unconverted and self.iterable is not ValuesIterable:
            raise TypeError("unconverted columns need a values() query")
        skip = {names.index(name) for name in unconverted}
        self.converters = [item for item in compiler.get_converters(fields).items() if item[0] not in skip]
        if self.iterable is ModelIterable:
            self.select, self.klass_info = compiler.select, compiler.klass_info
            self.model = self.klass_info["model"]
            fields_at = self.klass_info["select_fields"]
            self.start, self.end = fields_at[0], fields_at[-1] + 1
            self.init_list = [f[0].target.attname for f in self.select[self.start : self.end]]
            self.annotations = dict(compiler.annotation_col_map or {})
        elif self.iterable in (ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            self.names = names
        else:
            # e.g. modeltranslation's values() of a translated model, which fills in fallbacks
            raise TypeError(f"unsupported result type {self.iterable.__name__}: read model instances")

    def run(self, using: str, values: dict) -> list:
        connection = connections[using]
        sql, params = [self.parts[0]], []
        for (slot, how), text in zip(self.marks, self.parts[1:], strict=True):
            if slot is None:
                sql.append("%s")
                params.append(how)
            elif slot.item is not None:
                items = values[slot.name]
                sql.append(", ".join(["%s"] * len(items)))
                params.extend(items)
            else:
                sql.append("%s")
                params.append(slot.prepared(values[slot.name], how))
            sql.append(text)
        with prepared_cursor(connection) as cursor:
            cursor.execute("".join(sql), params)
            rows = cursor.fetchall()
        if self.converters or len(rows[0] if rows else ()) != self.col_count:
            rows = [self._convert(row, connection) for row in rows]
        return self._results(rows, using)

    def _convert(self, row, connection) -> list:
        row = list(row[: self.col_count])
        for position, (functions, expression) in self.converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return row

    def _results(self, rows, using: str) -> list:
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is ValuesListIterable:
            return [tuple(row) for row in rows]
        if self.iterable is ValuesIterable:
            names = self.names
            return [dict(zip(names, row, strict=False)) for row in rows]
        populators = get_related_populators(self.klass_info, self.select, using)
        out = []
        for row in rows:
            obj = self.model.from_db(using, self.init_list, row[self.start : self.end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            out.append(obj)
        return out


def _no_query_while_building(execute, sql, params, many, context):
    raise RuntimeError(
        "a PreparedQuery's build function ran a query: with stand-in values its answer would be "
        f"compiled into the statement ({sql[:80]}…)"
    )


class PreparedQuery:
    """``build(**values)`` compiled once per database alias and variant; call with the values.

    ``slots`` name the arguments that vary from call to call and their types (see the module's
    docstring); every other argument is a variant. Example::

        LEADS_OF = PreparedQuery(
            lambda organization_id: Lead.objects.filter(organization_id=organization_id).values("pk"),
            organization_id=int,
        )
        LEADS_OF(organization_id=7)  # [{"pk": …}, …]
    """

    def __init__(self, build: Callable[..., QuerySet], *, unconverted: tuple[str, ...] = (), **slots):
        self.build, self.unconverted = build, unconverted
        self.slots = [_Slot(name, kind, i) for i, (name, kind) in enumerate(slots.items())]
        self._names = frozenset(slots)
        self._statements: dict[tuple, _Statement] = {}

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **arguments) -> list:
        variant = tuple(sorted((k, v) for k, v in arguments.items() if k not in self._names))
        shapes = tuple(slot.shape(arguments[slot.name]) for slot in self.slots)
        if None in shapes:
            return list(self.build(**arguments).using(using))
        # The language too: a translated model's queryset rewrites lookups to the active language's.
        key = (using, variant, shapes, get_language())
        statement = self._statements.get(key)
        if statement is None:
            stand_ins = {
                slot.name: slot.stand_in(shape) for slot, shape in zip(self.slots, shapes, strict=True)
            }
            expected = [slot for slot, shape in zip(self.slots, shapes, strict=True) if shape != "visitor"]
            with connections[using].execute_wrapper(_no_query_while_building):
                queryset = self.build(**dict(variant), **stand_ins).using(using)
                statement = _Statement(queryset, expected, using, self.unconverted)
            self._statements[key] = statement
        return statement.run(using, arguments)

    def first(self, **arguments):
        """The first row of the answer, or None."""
        found = self(**arguments)
        return found[0] if found else None

    def get_or_404(self, **arguments):
        """The first row of the answer; ``Http404`` when there is none (as ``get_object_or_404``)."""
        found = self(**arguments)
        if not found:
            raise Http404("No row matches the given query.")
        return found[0]

    def orm(self, *, using: str = DEFAULT_DB_ALIAS, **arguments) -> list:
        """The same read through the ORM (what a call falls back to; for tests and comparisons)."""
        return list(self.build(**arguments).using(using))

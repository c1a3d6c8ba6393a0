"""Writes of the duty and VAT schedules: the shipped samples (:func:`load_schedules`, called by
``manage.py load_reference``) and the operator's CSV imports (:func:`import_tariffs`,
:func:`import_vat`). Every row is read and checked first (:mod:`.parsing`); on any error nothing is
written and each error names its line and field."""

from .parsing import ScheduleError, parse_rate
from .schedules import import_tariffs, import_vat, load_schedules

__all__ = ["ScheduleError", "import_tariffs", "import_vat", "load_schedules", "parse_rate"]

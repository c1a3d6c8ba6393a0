"""HTML written in Python by the hot template tags (match rows, pipeline rows, the RFQ comparison).

:func:`escape` is ``conditional_escape`` without its lazy-argument wrapper, which checks every
argument for a lazy translation and cost the RFQ page a tenth of its time (several hundred values a
page): the same output, a safe string as it is, the rest escaped as Django escapes it."""

import html

from django.utils.functional import Promise


def escape(value) -> str:
    """``django.utils.html.conditional_escape(value)``, as a plain ``str``."""
    if type(value) is str:  # not a safe string (a subclass)
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))

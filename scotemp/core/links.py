"""``link(name, *args)`` and the templates' ``{% url %}``: ``reverse`` remembered per process.

A URL is a pure function of the URL configuration, the script prefix, the current application
namespace and the arguments, all part of the key (the URLs carry no language prefix), so a
remembered URL is always the one ``reverse`` would give now. Lists that write a few links per row
(matches, deals) spent a tenth of their time reversing, and every page some 0.3 ms on its header's
and forms' ``{% url %}`` tags.

``{% url %}`` is replaced for every template by :class:`RememberedURLNode` (the built-in library
``scotemp.core.templatetags.remembered_urls``, named in the settings' ``TEMPLATES``): the same
syntax and output."""

import uuid
from functools import lru_cache

from django.conf import settings
from django.template.defaulttags import URLNode
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape


@lru_cache(maxsize=8192)
def _link(urlconf: str, prefix: str, name: str, args: tuple, kwargs: tuple = (), current_app=None) -> str:
    return reverse(name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


def link(name: str, *args) -> str:
    """``reverse(name, args=args)`` (positional arguments only; they must be hashable)."""
    return _link(
        get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, tuple(str(a) for a in args)
    )


class RememberedURLNode(URLNode):
    """``{% url %}`` through :func:`_link`: arguments are keyed by their text, as ``reverse`` writes
    them (a value whose text is not its URL form, if any, takes the tag's own path)."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        if not all(isinstance(v, str | int | uuid.UUID) for v in (*args, *kwargs.values())):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = _link(
                get_urlconf() or settings.ROOT_URLCONF,
                get_script_prefix(),
                view_name,
                tuple(str(a) for a in args),
                tuple(sorted((k, str(v)) for k, v in kwargs.items())),
                current_app,
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url

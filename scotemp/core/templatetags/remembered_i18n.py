"""The ``i18n`` library of every template (``TEMPLATES["OPTIONS"]["libraries"]`` maps the name here):
Django's own tags and filters, with ``{% translate "…" %}`` of a constant message remembered per
process and language.

A page's header, menu and footer alone hold some twenty constant ``{% translate %}`` tags, and a
form or a table dozens more; each resolved its message again (a variable lookup, a catalogue lookup
through the language's thread-local state, escaping) on every render. The text of a constant
message in a language cannot change while the process runs (catalogues are loaded once), so it is
kept under (language, message, noop, autoescape) after its first render: the same output, including
``as`` variables. A message from a variable, with a context (``context "…"``) or with filters takes
Django's path."""

import copy

from django import template
from django.template.base import Variable
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)

_REMEMBERED: dict[tuple, str] = {}


class RememberedTranslateNode(i18n.TranslateNode):
    def render(self, context):
        expression = self.filter_expression
        variable = expression.var
        if (
            self.message_context
            or expression.filters
            or not isinstance(variable, Variable)
            or not isinstance(variable.literal, str)
        ):
            return super().render(context)
        key = (get_language(), variable.literal, self.noop, context.autoescape)
        value = _REMEMBERED.get(key)
        if value is None:
            # Django's render of a copy without "as": nodes are shared by every thread rendering the
            # template, so this one is not changed.
            plain = copy.copy(self)
            plain.asvar = None
            value = _REMEMBERED[key] = i18n.TranslateNode.render(plain, context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return RememberedTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)

"""Built into every template (``TEMPLATES["OPTIONS"]["builtins"]``): ``{% url %}`` with the URLs
remembered per process (:class:`scotemp.core.links.RememberedURLNode`), same syntax and output."""

from django import template
from django.template.defaulttags import url as django_url

from scotemp.core.links import RememberedURLNode

register = template.Library()


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)

"""What the Content-Security-Policy forbids, found in a page's HTML: inline scripts, event-handler
attributes, ``javascript:`` URLs, style attributes and elements, and htmx features that need eval."""

from html.parser import HTMLParser

# <script> elements that only carry data (json_script, allauth's settings): never executed.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: event-handler attribute")
            elif name.startswith(("hx-on", "data-hx-on")) or name in {"hx-vars", "data-hx-vars"}:
                self.problems.append(f"<{tag} {name}=…>: htmx attribute evaluated as script")
            elif name == "style":
                self.problems.append(f"<{tag} style={value!r}>: style attribute")
            elif name in URL_ATTRIBUTES and value.lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>: javascript: URL")
            elif name in {"hx-vals", "hx-headers"} and value.lower().startswith(("js:", "javascript:")):
                self.problems.append(f"<{tag} {name}={value!r}>: htmx value evaluated as script")
            elif name == "hx-trigger" and "[" in value:
                self.problems.append(f"<{tag} hx-trigger={value!r}>: htmx trigger filter (eval)")
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
                self.problems.append("<script> without src: inline script")
        if tag == "style":
            self.problems.append("<style> element: inline style sheet")


def inline_code(html: str) -> list[str]:
    """Everything in ``html`` that a policy without 'unsafe-inline' and 'unsafe-eval' would block."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems

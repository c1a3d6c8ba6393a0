"""Every page header keeps its title on the left and its actions on the right.

``.page-header`` is a flex row with its children spread across it (``justify-content:
space-between``): the title block on the left, the page's actions on the right. A header whose
``<h1>`` follows a sibling (a line of badges, a breadcrumb) puts the title in the middle of a wide
screen, beside those badges, and a third child (a subtitle beside the title) floats between the
two; such a header wraps its title block in one element."""

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)


class _Headers(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.open: list[tuple[int, list[str]]] = []  # (depth of a page header, its direct children)
        self.found: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.open and self.open[-1][0] == self.depth - 1:
            self.open[-1][1].append(tag)
        if tag in VOID:
            return
        self.depth += 1
        if "page-header" in classes:
            self.open.append((self.depth - 1, []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth -= 1
        if self.open and self.open[-1][0] == self.depth:
            self.found.append(self.open.pop()[1])


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("scotemp/*/templates")]:
        yield from folder.rglob("*.html")


def test_every_page_header_is_a_title_block_and_its_actions():
    headers, wrong = 0, []
    for path in _templates():
        parser = _Headers()
        parser.feed(TEMPLATE_TAG.sub("", path.read_text(encoding="utf-8")))
        for children in parser.found:
            headers += 1
            if len(children) > 2 or ("h1" in children and children.index("h1") != 0):
                wrong.append(f"{path.relative_to(ROOT)}: {' '.join(children)}")
    assert headers > 30, "the check found too few page headers to be reading the templates"
    assert not wrong, "page headers that are not a title block and its actions:\n" + "\n".join(wrong)

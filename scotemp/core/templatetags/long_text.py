"""``{% long_text text lang %}``: a user's long text shown whole but folded — its first
paragraphs (about ``SHOWN`` characters, cut at a paragraph, sentence or word boundary) and a
"Read more" that opens the rest in place, without JavaScript (``<details>``)."""

import re

from django import template

register = template.Library()

SHOWN = 600  # characters shown before "Read more"
SLACK = 300  # how much further a paragraph or sentence end may be looked for
SENTENCE_END = re.compile(r"[.!?。！？…](?=\s|$)|[。！？]")


def split_for_more(text: str, shown: int = SHOWN) -> tuple[str, str]:
    """``(head, rest)``: ``rest`` is empty when the text is short enough to show whole."""
    text = (text or "").strip()
    if len(text) <= shown + SLACK:
        return text, ""
    window = text[: shown + SLACK]
    paragraph = window.rfind("\n\n", shown // 2)
    if paragraph > 0:
        return text[:paragraph].rstrip(), text[paragraph:].strip()
    ends = [m.end() for m in SENTENCE_END.finditer(window) if m.end() >= shown // 2]
    if ends:
        cut = ends[-1]
    else:
        space = window.rfind(" ", shown // 2)
        cut = space if space > 0 else shown  # Chinese without punctuation: a plain cut
    return text[:cut].rstrip(), text[cut:].strip()


@register.inclusion_tag("core/long_text.html")
def long_text(text, lang=""):
    head, rest = split_for_more(text)
    return {"head": head, "rest": rest, "lang": lang}

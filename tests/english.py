"""Finds platform-written English on a page, in an e-mail or in a document meant for a Russian or
Chinese reader.

What counts as English: a Latin word with a lower-case letter ("Unit", "tonne", "t"). What does not:
- codes and acronyms, written without lower-case letters (HS, TNE, USD, FCA, KZALA, B2B, 1001 90),
  and identifiers that start with one (PI-3B0B3B89-v2);
- e-mail addresses, web addresses, host names and file names;
- the words of ``ALLOWED`` below, each with its reason;
- text the user wrote. Templates mark it with its language (``lang="…"``, the empty string when the
  language is unknown, as for an organization's name), which screen readers need anyway: every
  element whose ``lang`` differs from the page's is skipped with all it contains, and so is an
  element marked ``translate="no"`` (a value that is not text in any language, e.g. a token).
"""

import re
from html.parser import HTMLParser

# Latin words accepted on a Russian or Chinese page, each with its reason. Keep it short.
ALLOWED = {
    "SCO TEMP": "the platform's name, a brand written the same in every language",
    "T/T": "telegraphic transfer, the payment term as traders write it in every language",
    "e-mail": "Russian writes the address's kind as e-mail (Chinese 电子邮件 never shows it)",
    "Rec": "UN/ECE Recommendation 20, the unit code list's name, cited as the standard names itself",
    "UN/ECE": "the UN body's name in the standard's title",
    "UN/LOCODE": "the UN location code list's own name",
    "Incoterms": "the ICC's registered name of the trade terms, used untranslated in both languages",
    "TOTP": "the name of the standard for authenticator apps",
    "wheat": "the English example among examples in three languages (search finds words in any language)",
    "aluminium": "the English example among examples in three languages (search finds words in any language)",
    "Astyk Export LLP": "the example of a name in Latin letters, in the help text of the Latin name field",
}

# Attributes whose text a reader sees or hears.
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-placeholder"}
# Elements whose content is not text in a language: scripts, styles, and program text (a header
# name, a token, an identifier) that the template marks as code.
SKIPPED_ELEMENTS = {"script", "style", "code", "kbd", "samp"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(
    r"(https?://|www\.)\S+"  # a web address
    r"|\S+\.(pdf|png|jpe?g|csv|txt|docx?|xlsx?)\b"  # a file name
    r"|\b[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+|\.[a-z]{2,})\b",  # a host name (temp.example.org, localhost:8000)
    re.IGNORECASE,
)
# An identifier: a code in capitals joined by hyphens to more (PI-3B0B3B89-v2, ST-1).
IDENTIFIER = re.compile(r"\b[A-Z0-9]{2,}(?:-[A-Za-z0-9]+)+\b")
WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z]+)*")


def _strip_allowed(text: str) -> str:
    text = EMAIL.sub(" ", text)
    text = URL.sub(" ", text)
    text = IDENTIFIER.sub(" ", text)
    for phrase in sorted(ALLOWED, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", " ", text, flags=re.IGNORECASE)
    return text


def english_words(text: str) -> list[str]:
    """The Latin words of ``text`` that are not codes, addresses or allowed words."""
    return [w for w in WORD.findall(_strip_allowed(text)) if any(c.islower() for c in w)]


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page_lang = None
        self.stack = []  # (tag, skipped, authored)
        self.found = []  # (where, text)
        self.authored = set()  # texts of the elements marked as the user's

    def _skipped(self):
        return bool(self.stack) and self.stack[-1][1]

    def _authored(self):
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_lang = attrs.get("lang")
        skipped = self._skipped() or tag in SKIPPED_ELEMENTS or attrs.get("translate") == "no"
        authored = self._authored()
        if "lang" in attrs and self.page_lang is not None and tag != "html":
            authored = authored or (attrs["lang"] or "").lower() != self.page_lang.lower()
            skipped = skipped or authored
        if not skipped:
            for name, value in attrs.items():
                visible = name in TEXT_ATTRIBUTES or (
                    tag == "input" and name == "value" and attrs.get("type") in {"submit", "button", "reset"}
                )
                if visible and value:
                    self.found.append((f"<{tag} {name}>", value))
                # Texts a script shows (a counter's "COUNT of MAX characters", a confirmation): the
                # data-* attributes holding words (values without a space are program values).
                shown_by_script = name in {"hx-confirm", "hx-prompt"} or (
                    name.startswith("data-") and value and " " in value.strip()
                )
                if shown_by_script and not visible:
                    self.found.append((f"<{tag} {name}>", value))
            if tag == "meta" and attrs.get("name") == "description" and attrs.get("content"):
                self.found.append(("<meta description>", attrs["content"]))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped, authored))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        # Pop up to the matching element (HTML lets some end tags be omitted).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._authored() and data.strip():
            self.authored.add(" ".join(data.split()))
        if data.strip() and not self._skipped():
            where = self.stack[-1][0] if self.stack else "document"
            self.found.append((f"<{where}>", data))


class _FormReader(HTMLParser):
    """The fields of the first POST form whose action is ``url`` (or empty), as the browser sends them
    when the user submits it untouched."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url, self.inside, self.done, self.data = url, False, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = (attrs.get("method") or "").lower() == "post" and attrs.get("action") in {
                None,
                "",
                self.url,
            }
        elif self.inside and tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file"}:
                self.data.setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def own_form(html: str, url: str) -> dict | None:
    """The data of the page's own POST form submitted untouched, or None without such a form."""
    reader = _FormReader(url)
    reader.feed(html)
    return reader.data if reader.done else None


def english_in_html(html: str) -> list[str]:
    """Each piece of platform text on the page that holds English, with the element it is in."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    # What users wrote also shows where it cannot be marked (the page title, a title attribute, an
    # option of a list): the texts marked elsewhere on the page are theirs there too.
    authored = sorted(walker.authored, key=len, reverse=True)
    findings = []
    for where, text in walker.found:
        text = " ".join(text.split())
        for value in authored:
            text = text.replace(value, " ")
        words = english_words(text)
        if words:
            findings.append(f"{where} {' '.join(text.split())[:120]!r}: {', '.join(words)}")
    return findings


def english_in_text(text: str, user_texts=()) -> list[str]:
    """Each line of a plain text (an e-mail, a document) that holds English. ``user_texts`` are the
    user-written values (names, titles) printed in it, which are theirs."""
    findings = []
    for line in text.splitlines():
        stripped = line
        for value in sorted((v for v in user_texts if v), key=len, reverse=True):
            stripped = stripped.replace(value, " ")
        words = english_words(stripped)
        if words:
            findings.append(f"{line.strip()[:120]!r}: {', '.join(words)}")
    return findings

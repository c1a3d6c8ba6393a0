from django.core.checks import Warning
from django.utils.translation import gettext as _


def pdf_font_check(app_configs=None, **kwargs):
    """Warns (deals.W001) when no font for the deal documents is found, before a user asks for one."""
    from .documents import DocumentsUnavailable, find_font

    try:
        find_font()
    except DocumentsUnavailable as error:
        return [
            Warning(
                str(error),
                hint=_(
                    "apt install fonts-noto-cjk (Debian/Ubuntu) or dnf install google-noto-sans-cjk-fonts."
                ),
                id="deals.W001",
            )
        ]
    return []

from django.core.checks import Warning
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def pdf_font_check(app_configs=None, **kwargs):
    """Warns (deals.W001) when the deal documents have no font, or none for a script that names of
    companies are written in (the letters would be missing from a contract), before a user asks for
    a document. Names the packages to install."""
    from .documents import DocumentsUnavailable, find_fonts
    from .documents.fonts import missing_scripts

    try:
        find_fonts()
    except DocumentsUnavailable as error:
        return [
            Warning(
                str(error),
                hint=_(
                    "apt install fonts-noto-core fonts-noto-cjk (Debian/Ubuntu) or dnf install "
                    "google-noto-sans-fonts google-noto-sans-cjk-fonts (Fedora)."
                ),
                id="deals.W001",
            )
        ]
    missing = missing_scripts()
    if not missing:
        return []
    scripts = pgettext("list separator", ", ").join(str(name) for name, _face in missing)
    debian = " ".join(sorted({face.debian for _name, face in missing}))
    fedora = " ".join(sorted({face.fedora for _name, face in missing}))
    return [
        Warning(
            _("Deal documents cannot print letters of these scripts: %(scripts)s.") % {"scripts": scripts},
            hint=_("apt install %(debian)s (Debian/Ubuntu) or dnf install %(fedora)s (Fedora).")
            % {"debian": debian, "fedora": fedora},
            id="deals.W001",
        )
    ]

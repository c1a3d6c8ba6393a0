"""Explanations of a match's score parts in the active language.

The parts are language-neutral (``scoring.score``); each code has a translated phrase with
``%(name)s`` placeholders, so each side reads the same match in its own language, e.g.
"Same HS subheading 100199 · quantity 100% covered · seller verified"."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scotemp.reference.models import Country

INCOTERM_PHRASES = {
    "same_rule_place": gettext_lazy("same Incoterm %(rule)s and place"),
    "same_rule": gettext_lazy("same Incoterm %(rule)s"),
    "same_place": gettext_lazy("same delivery place (%(sell)s / %(buy)s)"),
    "same_group": gettext_lazy("Incoterms %(sell)s / %(buy)s"),
    "other": gettext_lazy("Incoterms %(sell)s / %(buy)s"),
}


_NAMES: dict[str, dict[str, str]] = {}


def _country(code, names: dict) -> str:
    """The country's name in the active language (reference data: read once per language)."""
    if not code:
        return "—"
    if not names:
        language = translation.get_language() or "en"
        if language not in _NAMES:
            _NAMES[language] = {c.iso2: c.name for c in Country.objects.all()}
        names.update(_NAMES[language])
    return names.get(code, code)


def explain(parts: list, viewer_kind: str | None = None, *, brief: bool = False) -> list[str]:
    """Phrases for ``parts`` in the active language. ``brief`` keeps what speaks for the match
    (agreement, coverage, verification) and the problems, leaving out neutral details."""
    names: dict = {}
    out = []
    for part in parts or []:
        code = part.get("code")
        if code == "hs_subheading":
            out.append(_("Same HS subheading %(code)s") % {"code": part["hs"]})
        elif code == "hs_heading":
            out.append(_("Same HS heading %(code)s") % {"code": part["hs"]})
        elif code == "hs_chapter":
            out.append(_("Same HS chapter %(code)s") % {"code": part["hs"]})
        elif code == "quantity":
            out.append(_("quantity %(percent)s%% covered") % {"percent": part["percent"]})
        elif code == "quantity_unit":
            out.append(_("quantities in different units"))
        elif code == "origin":
            country = _country(part.get("country"), names)
            if part.get("ok"):
                if not brief:
                    out.append(_("origin %(country)s accepted") % {"country": country})
            else:
                out.append(_("origin %(country)s not on the buyer's list") % {"country": country})
        elif code == "destination":
            country = _country(part.get("country"), names)
            if part.get("ok"):
                if not brief:
                    out.append(_("delivery to %(country)s possible") % {"country": country})
            else:
                out.append(_("%(country)s not among the seller's destinations") % {"country": country})
        elif code == "incoterm" and not brief:
            out.append(str(INCOTERM_PHRASES[part["level"]]) % {"rule": part["sell"], **part})
        elif code == "certifications":
            if part.get("missing"):
                out.append(
                    _("certifications %(percent)s%% met, missing %(missing)s")
                    % {"percent": part["percent"], "missing": ", ".join(part["missing"])}
                )
        elif code == "seller_verified" and part.get("ok"):
            out.append(_("seller verified"))
        elif code == "buyer_verified" and part.get("ok"):
            out.append(_("buyer verified"))
        elif code == "freshness" and not brief:
            days = part.get("buy_days") if viewer_kind == "sell" else part.get("sell_days")
            if days is not None:
                out.append(_("counterpart published %(days)s days ago") % {"days": days})
    return out


def explain_text(parts: list, viewer_kind: str | None = None) -> str:
    """The brief explanation as one line: phrases joined by " · "."""
    return " · ".join(explain(parts, viewer_kind, brief=True))

"""What the deal documents say: the proforma invoice and the contract summary, section by section,
from the deal's agreed term sheet, every text in the document's language."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.formatting import format_quantity

from ..choices import DealEventKind, DealStatus, DocumentType
from ..queries import timeline_of
from .layout import Layout, document_number, format_amount, long_date, unit_price


class DealDocument(Layout):
    """One document of ``deal`` (``doc_type``, a :class:`~scotemp.deals.choices.DocumentType` value),
    laid out under the document's language (the caller activates it)."""

    def __init__(self, deal, doc_type: str, language: str):
        self.deal = deal
        self.terms = deal.agreed_terms
        self.doc_type = doc_type
        self.language = language
        super().__init__(where=f"{document_number(deal, doc_type)} ({language})")

    # --- content ----------------------------------------------------------------------------------

    def title(self) -> str:
        return str(DocumentType(self.doc_type).label)

    def organization(self, org) -> str:
        lines = [org.name]
        if org.name_latin and org.name_latin != org.name:
            lines.append(org.name_latin)
        lines.append(str(org.country.name))
        if org.registry_id:
            kind = org.get_registry_type_display() if org.registry_type else _("Registration number")
            lines.append(f"{kind}: {org.registry_id}")
        return "\n".join(lines)

    def header(self):
        self.text(str(settings.SCOTEMP_PLATFORM_NAME), size=9, grey=True)
        self.text(self.title(), size=18, bold=True, height=10)
        self.pdf.ln(1)
        self.key_values(
            [
                (_("Number"), document_number(self.deal, self.doc_type)),
                (_("Date of issue"), long_date(timezone.localdate(), self.language)),
                (
                    _("Terms agreed"),
                    _("version %(version)s of %(date)s")
                    % {
                        "version": self.terms.version,
                        "date": long_date(timezone.localtime(self.deal.agreed_at).date(), self.language)
                        if self.deal.agreed_at
                        else "",
                    },
                ),
            ]
        )

    def parties(self):
        self.heading(_("Parties"))
        self.table(
            [
                (_("Seller"), _("Buyer")),
                (self.organization(self.deal.seller), self.organization(self.deal.buyer)),
            ],
            col_widths=(1, 1),
        )

    def line_item(self):
        terms, language = self.terms, self.language
        code = terms.currency_id
        self.heading(_("Goods"))
        self.table(
            [
                (_("Goods"), _("HS code"), _("Quantity"), _("Unit price"), _("Total")),
                (
                    terms.goods,
                    f"{terms.hs_code.code}\n{hs_name(terms.hs_code, language)}",
                    format_quantity(terms.quantity, terms.unit_id, language, fallback_name=terms.unit.name),
                    unit_price(terms.unit_price, code, language),
                    format_amount(terms.total, code, language),
                ),
                ((_("Total"), 4), format_amount(terms.total, code, language)),
            ],
            col_widths=(30, 25, 21, 20, 24),
            align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
        )

    def terms_block(self):
        terms, language = self.terms, self.language
        place = terms.incoterm_place
        self.heading(_("Terms"))
        self.key_values(
            [
                (
                    _("Incoterms® 2020"),
                    _("%(code)s %(place)s (%(locode)s)")
                    % {"code": terms.incoterm_id, "place": place.name, "locode": place.locode},
                ),
                (_("Payment terms"), terms.payment_terms),
                (
                    _("Delivery"),
                    _("from %(start)s to %(end)s")
                    % {
                        "start": long_date(terms.delivery_from, language),
                        "end": long_date(terms.delivery_until, language),
                    },
                ),
                (_("Inspection"), terms.inspection),
                (_("Documents required"), terms.documents_required),
                (_("Notes"), terms.note),
            ]
        )

    def timeline(self):
        events = [e for e in timeline_of(self.deal) if e.kind == DealEventKind.TRANSITION]
        rows = [
            (
                long_date(timezone.localtime(event.at).date(), self.language),
                _("%(from)s → %(to)s")
                % {
                    "from": DealStatus(event.from_status).label if event.from_status else "—",
                    "to": DealStatus(event.to_status).label if event.to_status else "—",
                },
            )
            for event in events
        ]
        self.heading(_("Status history"))
        if rows:
            self.table([(_("Date"), _("Status change")), *rows], col_widths=(1, 2))
        else:
            self.text(_("No status changes yet."))

    def signatures(self):
        self.heading(_("Signatures"))
        blank = "_" * 18
        lines = [
            _("Signature: %(blank)s") % {"blank": blank},
            _("Name and position: %(blank)s") % {"blank": blank},
            _("Date: %(blank)s") % {"blank": blank},
        ]
        self.table(
            [
                (_("For the seller"), _("For the buyer")),
                (
                    "\n".join([self.deal.seller.name, "", *lines]),
                    "\n".join([self.deal.buyer.name, "", *lines]),
                ),
            ],
            col_widths=(1, 1),
        )

    def render(self) -> bytes:
        pdf = self.pdf
        pdf.set_title(f"{self.title()} {document_number(self.deal, self.doc_type)}")
        pdf.set_lang(self.language)
        pdf.set_author(str(settings.SCOTEMP_PLATFORM_NAME))
        pdf.set_subject(self.terms.goods)
        pdf.set_creator(str(settings.SCOTEMP_PLATFORM_NAME))
        pdf.add_page()
        self.header()
        self.parties()
        self.line_item()
        self.terms_block()
        if self.doc_type == DocumentType.CONTRACT_SUMMARY:
            self.timeline()
            self.pdf.ln(2)
            self.text(
                _(
                    "This summary records the terms both parties accepted on the platform. It is not a "
                    "contract by itself: the parties sign their contract below or in a separate document."
                ),
                size=9,
                grey=True,
            )
            self.signatures()
        else:
            self.pdf.ln(2)
            self.text(
                _("Issued from the terms agreed by both parties; payment according to the terms above."),
                size=9,
                grey=True,
            )
        return bytes(pdf.output())


def hs_name(code, language: str) -> str:
    """The HS code's name in ``language`` (the document's, not the one active around the call), or in
    modeltranslation's fallback languages (MODELTRANSLATION_FALLBACK_LANGUAGES) when it has none."""
    from modeltranslation.utils import build_localized_fieldname, resolution_order

    for lang in resolution_order(language):
        name = getattr(code, build_localized_fieldname("description", lang), "")
        if name:
            return name
    return code.description

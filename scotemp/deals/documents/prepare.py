"""Documents built ahead of their first download.

A document built on request holds a web worker for 0.5–3 s (fonts cut, PDF written); read back from
the shared cache it costs milliseconds (see :mod:`.stored`). So when a deal's status changes and it
has agreed terms, the action enqueues :func:`prepare_documents` on commit: the task worker builds
both documents in the languages of both parties' members and stores them where the download view
looks first. A download before the task ran, on another day (the date of issue is printed), or in
another language still builds the document on request, as before.
"""

import logging

from django.conf import settings

from . import LANGUAGES, DocumentsUnavailable, render_document

log = logging.getLogger(__name__)


def document_languages(deal) -> list[str]:
    """The languages the parties' members read, each once (the site's language for a member who chose
    none), in the order of :data:`LANGUAGES`."""
    from scotemp.accounts.models import Membership

    chosen = Membership.objects.filter(
        organization_id__in=(deal.seller_id, deal.buyer_id), user__is_active=True
    ).values_list("user__language", flat=True)
    wanted = {language or settings.LANGUAGE_CODE for language in chosen}
    return [language for language in LANGUAGES if language in wanted]


def prepare_documents(deal_id: int) -> list[tuple[str, str]]:
    """Build and store every document of the deal in its parties' languages (those already stored
    are only read back). Returns the (document type, language) pairs now in the cache; nothing for a
    deal without agreed terms, or where no font is installed (the download page says so)."""
    from ..choices import DocumentType
    from ..models import Deal

    deal = (
        Deal.objects.select_related(
            "seller__country",
            "buyer__country",
            "agreed_terms__hs_code",
            "agreed_terms__unit",
            "agreed_terms__incoterm_place",
        )
        .filter(pk=deal_id, agreed_terms__isnull=False)
        .first()
    )
    if deal is None:
        return []
    done = []
    try:
        for language in document_languages(deal):
            for doc_type in DocumentType.values:
                render_document(deal, doc_type, language)
                done.append((doc_type, language))
    except DocumentsUnavailable:
        log.warning("deal %s: documents not prepared, no font is installed", deal.public_id)
    return done

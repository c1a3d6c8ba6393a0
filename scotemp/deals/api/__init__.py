"""API of the deals workflow, mounted at /api/v1/: requests and inquiries (:mod:`.inquiries`), a
seller's offer on a buy request (:mod:`.offers`), the thread (:mod:`.messages`), quotations and their
comparison (:mod:`.quotations`), deals (:mod:`.deals`) and their term sheets (:mod:`.terms`); the
schemas in :mod:`.schemas`.

Rules, the same as the pages, since both call the same actions: rows are read through
:mod:`scotemp.deals.queries` (``visible_to``), so anyone who is not a member of the buyer or the
seller gets 404 (operators only once a party asked them in); the side whose turn it is not gets 403.
An API token acts for its organization only. Bodies are validated by the forms of the pages: 422 with
``{"detail", "errors": {field: […]}}``; a step the current state does not allow is 409. Lists are
paged (``page``, ``limit``; the answer carries ``total`` and the ``next`` link)."""

from ninja import Router

from . import deals, inquiries, messages, offers, quotations, terms

router = Router(tags=["deals"])
for module in (inquiries, offers, messages, quotations, deals, terms):
    router.add_router("", module.router)

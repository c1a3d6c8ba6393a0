from scotemp.deals.tests.test_documents import *  # noqa
from scotemp.deals.documents import render_document


def test_dump(deal):
    for lang in ("zh-hans", "ru", "en"):
        for t in ("proforma", "contract"):
            open(f"/tmp/helper_docs/{t}-{lang}.pdf", "wb").write(render_document(deal, t, lang))

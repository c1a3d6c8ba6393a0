from django.urls import path

from .views import deals, inquiries, offers, pipeline, report, rfqs

app_name = "deals"

urlpatterns = [
    path("", pipeline.pipeline, name="list"),
    path("new/", rfqs.rfq_new, name="rfq_new"),
    path("new/sellers/", rfqs.seller_search, name="seller_search"),
    path("report/", report.report, name="report"),
    path("offer/<uuid:public_id>/", offers.offer_new, name="offer_new"),
    path("rfq/<uuid:public_id>/", rfqs.rfq_detail, name="rfq"),
    path("inquiry/<uuid:public_id>/", inquiries.inquiry_detail, name="inquiry"),
    path("inquiry/<uuid:public_id>/quote/", inquiries.quote, name="quote"),
    path("inquiry/<uuid:public_id>/decline/", inquiries.decline, name="decline"),
    path("inquiry/<uuid:public_id>/close/", inquiries.close, name="close"),
    path("inquiry/<uuid:public_id>/messages/", inquiries.post_message, name="post_message"),
    path("inquiry/<uuid:public_id>/operator/", inquiries.operator_access, name="operator_access"),
    path("quotation/<uuid:public_id>/accept/", inquiries.accept_quotation, name="accept_quotation"),
    path("attachment/<uuid:public_id>/", inquiries.attachment, name="attachment"),
    path("<uuid:public_id>/", deals.deal_detail, name="deal"),
    path("<uuid:public_id>/transition/", deals.transition, name="transition"),
    path("<uuid:public_id>/terms/", deals.propose_terms, name="propose_terms"),
    path("<uuid:public_id>/terms/<int:version>/decide/", deals.decide_terms, name="decide_terms"),
    path("contract/<uuid:public_id>/", deals.contract, name="contract"),
    path("<uuid:public_id>/documents/<str:doc_type>/<str:language>/", deals.document, name="document"),
]

from django.urls import path

from . import views, views_deal, views_inquiry, views_report

app_name = "deals"

urlpatterns = [
    path("", views.pipeline, name="list"),
    path("new/", views.rfq_new, name="rfq_new"),
    path("new/sellers/", views.seller_search, name="seller_search"),
    path("report/", views_report.report, name="report"),
    path("rfq/<uuid:public_id>/", views.rfq_detail, name="rfq"),
    path("inquiry/<uuid:public_id>/", views_inquiry.inquiry_detail, name="inquiry"),
    path("inquiry/<uuid:public_id>/quote/", views_inquiry.quote, name="quote"),
    path("inquiry/<uuid:public_id>/decline/", views_inquiry.decline, name="decline"),
    path("inquiry/<uuid:public_id>/close/", views_inquiry.close, name="close"),
    path("inquiry/<uuid:public_id>/messages/", views_inquiry.post_message, name="post_message"),
    path("inquiry/<uuid:public_id>/operator/", views_inquiry.operator_access, name="operator_access"),
    path("quotation/<uuid:public_id>/accept/", views_inquiry.accept_quotation, name="accept_quotation"),
    path("attachment/<uuid:public_id>/", views_inquiry.attachment, name="attachment"),
    path("<uuid:public_id>/", views_deal.deal_detail, name="deal"),
    path("<uuid:public_id>/transition/", views_deal.transition, name="transition"),
    path("<uuid:public_id>/terms/", views_deal.propose_terms, name="propose_terms"),
    path("<uuid:public_id>/terms/<int:version>/decide/", views_deal.decide_terms, name="decide_terms"),
    path("<uuid:public_id>/documents/<str:doc_type>/<str:language>/", views_deal.document, name="document"),
]

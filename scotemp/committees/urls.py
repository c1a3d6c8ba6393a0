from django.urls import path

from .views import documents, membership, news, workspace

app_name = "committees"

urlpatterns = [
    path("", membership.committee_list, name="list"),
    path("news/review/", news.news_review, name="news_review"),
    path("<slug:slug>/", membership.committee_detail, name="detail"),
    path("<slug:slug>/apply/", membership.apply, name="apply"),
    path("<slug:slug>/withdraw/", membership.withdraw, name="withdraw"),
    path("<slug:slug>/applications/", membership.applications, name="applications"),
    path("<slug:slug>/applications/<int:application_id>/decision/", membership.decide, name="decide"),
    # the secretary's workspace
    path("<slug:slug>/dashboard/", workspace.dashboard, name="dashboard"),
    path("<slug:slug>/charter/", workspace.charter, name="charter"),
    path("<slug:slug>/officers/", workspace.officer_add, name="officer_add"),
    path("<slug:slug>/officers/<int:officer_id>/remove/", workspace.officer_remove, name="officer_remove"),
    path("<slug:slug>/plan/", workspace.plan_item_new, name="plan_item_new"),
    path("<slug:slug>/plan/<int:item_id>/", workspace.plan_item_edit, name="plan_item_edit"),
    path("<slug:slug>/targets/", workspace.targets, name="targets"),
    # news
    path("<slug:slug>/news/new/", news.news_new, name="news_new"),
    path("<slug:slug>/news/feed/", news.news_feed, name="feed"),
    path("<slug:slug>/news/<uuid:public_id>/", news.news, name="news"),
    path("<slug:slug>/news/<uuid:public_id>/edit/", news.news_edit, name="news_edit"),
    path("<slug:slug>/news/<uuid:public_id>/submit/", news.news_submit, name="news_submit"),
    path("<slug:slug>/news/<uuid:public_id>/publish/", news.news_publish, name="news_publish"),
    path("<slug:slug>/news/<uuid:public_id>/return/", news.news_return, name="news_return"),
    # documents
    path("<slug:slug>/documents/", documents.document_upload, name="document_upload"),
    path("<slug:slug>/documents/<uuid:public_id>/", documents.document, name="document"),
    path("<slug:slug>/documents/<uuid:public_id>/delete/", documents.document_delete, name="document_delete"),
]

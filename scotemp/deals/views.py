"""Placeholder until the pages land (replaced in the next commit)."""

from django.http import Http404


def pipeline(request, *args, **kwargs):
    raise Http404


def rfq_new(request, *args, **kwargs):
    raise Http404


def rfq_detail(request, *args, **kwargs):
    raise Http404


def inquiry_detail(request, *args, **kwargs):
    raise Http404


def quote(request, *args, **kwargs):
    raise Http404


def decline(request, *args, **kwargs):
    raise Http404


def close(request, *args, **kwargs):
    raise Http404


def post_message(request, *args, **kwargs):
    raise Http404


def operator_access(request, *args, **kwargs):
    raise Http404


def accept_quotation(request, *args, **kwargs):
    raise Http404


def attachment(request, *args, **kwargs):
    raise Http404

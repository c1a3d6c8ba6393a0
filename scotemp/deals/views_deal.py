"""Placeholder until the pages land (replaced in the next commit)."""

from django.http import Http404


def deal_detail(request, *args, **kwargs):
    raise Http404


def transition(request, *args, **kwargs):
    raise Http404


def propose_terms(request, *args, **kwargs):
    raise Http404


def decide_terms(request, *args, **kwargs):
    raise Http404


def document(request, *args, **kwargs):
    raise Http404

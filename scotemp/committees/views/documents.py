"""The committee's documents: upload and delete (secretary, operators), download (checked access)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.verification.responses import document_response

from .. import actions, queries
from ..forms import CommitteeDocumentForm
from ..queries import workspace as ws
from .common import add_errors
from .workspace import dashboard


@require_POST
def document_upload(request, slug):
    queries.managed_committee(request.user, slug)
    form = CommitteeDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.upload_document(
                request.user,
                slug,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                visibility=form.cleaned_data["visibility"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The document was added to the library."))
            return redirect("committees:dashboard", slug=slug)
    return dashboard(request, slug, {"document": form}, status=400)


def document(request, slug, public_id):
    return document_response(ws.document_for_download(request.user, slug, public_id))


@require_POST
def document_delete(request, slug, public_id):
    actions.delete_document(request.user, slug, public_id)
    messages.success(request, _("The document was deleted."))
    return redirect("committees:dashboard", slug=slug)

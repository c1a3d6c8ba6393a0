"""Verification pages: an organization's status, documents and history; the operators' queue.

Views validate input, call one action and render. The status page exists only for the
organization's members and operators; the queue only for operators (404 for everybody else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.core import uploads
from scotemp.core.permissions import is_operator

from . import actions, queries
from .choices import ReviewStatus
from .forms import DecisionForm, DocumentForm, SubmitForm
from .responses import document_response
from .uploads import check_upload


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _status_page(
    request, public_id, document_form=None, submit_form=None, decision_form=None, kept_files=(), status=200
):
    organization = queries.private_organization(request.user, public_id)
    operator = is_operator(request.user)
    can_manage = queries.can_manage(request.user, organization)
    review = queries.open_review_of(organization)
    profile = queries.profile_of(organization)
    days_left = None
    if profile is not None and profile.is_verified and profile.verified_until:
        days_left = (profile.verified_until - timezone.localdate()).days
    context = {
        "organization": organization,
        "profile": profile,
        "days_left": days_left,
        "expires_soon": days_left is not None and days_left <= actions.REMINDER_BEFORE.days,
        "documents": list(queries.documents_of(organization)),
        "events": list(queries.events_of(organization)),
        "review": review,
        "can_manage": can_manage,
        "is_operator": operator,
        "document_form": document_form or DocumentForm(),
        "kept_files": list(kept_files),
        "submit_form": submit_form or SubmitForm(),
        "decision_form": decision_form or DecisionForm(),
        "can_decide": operator and review is not None and review.status == ReviewStatus.PENDING,
        "can_submit": can_manage and (review is None or review.status == ReviewStatus.NEEDS_INFO),
    }
    return render(request, "verification/status.html", context, status=status)


def status(request, public_id):
    return _status_page(request, public_id)


@require_POST
def document_upload(request, public_id):
    held_files, held = uploads.chosen(request)  # the file kept from an attempt that failed
    files = request.FILES.copy()
    if held_files and not files.get("file"):
        files["file"] = held_files[0]
    form = DocumentForm(request.POST, files)
    if form.is_valid():
        try:
            document = actions.upload_document(
                request.user, public_id, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            uploads.release(request)
            messages.success(request, _("“%(name)s” was uploaded.") % {"name": document.original_name})
            return redirect("verification:status", public_id=public_id)
    kept = held if held_files and not request.FILES.get("file") else []
    kept = kept or uploads.keep(request, request.FILES.getlist("file"), check=check_upload)
    form.use_required_attribute = not kept  # a kept file counts as chosen
    return _status_page(request, public_id, document_form=form, kept_files=kept, status=400)


def document_download(request, public_id, document_id):
    return document_response(queries.document_for_download(request.user, public_id, document_id))


@require_POST
def document_delete(request, public_id, document_id):
    try:
        actions.delete_document(request.user, public_id, document_id)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The document was deleted."))
    return redirect("verification:status", public_id=public_id)


@require_POST
def submit(request, public_id):
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            actions.submit_for_review(request.user, public_id, note=form.cleaned_data["note"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Thank you. The operator will review your documents."))
            return redirect("verification:status", public_id=public_id)
    return _status_page(request, public_id, submit_form=form, status=400)


def queue(request):
    if not is_operator(request.user):
        raise Http404
    reviews = list(queries.review_queue(request.user))
    return render(request, "verification/queue.html", {"reviews": reviews, "decision_form": DecisionForm()})


@require_POST
def decide(request, review_id):
    if not is_operator(request.user):
        raise Http404
    review = queries.review_visible_to(request.user, review_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide_review(
                request.user, review_id, form.cleaned_data["decision"], form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):  # a field is to blame: show the form again
                _add_errors(form, exc)
                return _status_page(request, review.organization.public_id, decision_form=form, status=400)
            for message in exc.messages:
                messages.error(request, message)
            return redirect("verification:status", public_id=review.organization.public_id)
        messages.success(
            request, _("Your decision on %(name)s was recorded.") % {"name": review.organization.name}
        )
        if request.POST.get("next") == "queue":
            return redirect("verification:queue")
        return redirect("verification:status", public_id=review.organization.public_id)
    return _status_page(request, review.organization.public_id, decision_form=form, status=400)

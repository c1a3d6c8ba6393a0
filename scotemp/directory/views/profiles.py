"""Pages for editing an organization's profile and for asking the operator to hand a profile over.

Views parse input, call one action and render; the rules live in :mod:`scotemp.directory.actions`,
and who may edit is decided by ``queries.organization_to_edit`` for the page and the action alike."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import actions, queries
from ..forms import (
    CertificationFormSet,
    HandoverRequestForm,
    ProfileForm,
    certification_changes,
    certification_initial,
)


def _put_errors(form, formset, cert_forms, exc: ValidationError) -> None:
    """Put the action's errors on the right field: ``certifications.<n>.<field>`` on the n-th kept row."""
    for field, errors in exc.message_dict.items():
        if field.startswith("certifications."):
            _prefix, index, name = [*field.split("."), "", ""][:3]
            if index.isdigit() and int(index) < len(cert_forms):
                target = cert_forms[int(index)]
                target.add_error(name if name in target.fields else None, errors)
                continue
        form.add_error(field if field in form.fields else None, errors)


def profile_edit(request, public_id):
    """Owners, administrators and operators edit the whole profile in one form (404 for outsiders,
    403 for plain members)."""
    organization = queries.organization_to_edit(request.user, public_id)
    profile = queries.profile_with_details(organization)
    duplicate_of = None
    if request.method == "POST":
        form = ProfileForm(request.POST)
        formset = CertificationFormSet(request.POST, prefix="cert")
        if form.is_valid() and formset.is_valid():
            certifications, cert_forms = certification_changes(formset)
            try:
                actions.update_profile(
                    request.user, public_id, **form.cleaned_data, certifications=certifications
                )
            except ValidationError as exc:
                duplicate_of = getattr(exc, "existing", None)
                _put_errors(form, formset, cert_forms, exc)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect("directory:profile_edit", public_id=public_id)
        status = 400
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(organization, profile))
        formset = CertificationFormSet(initial=certification_initial(profile), prefix="cert")
        status = 200
    context = {
        "organization": organization,
        "profile": profile,
        "form": form,
        "formset": formset,
        "duplicate_of": duplicate_of,
        "completeness": queries.profile_completeness(organization),
        "display": queries.profile_for_display(organization, request.user) if profile else None,
    }
    return render(request, "directory/profile_edit.html", context, status=status)


@login_required
def handover_request(request, public_id):
    """Ask the operator to hand over an existing profile (after a duplicate identifier was refused)."""
    organization = queries.organization_for_display(public_id)
    form = HandoverRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_handover(request.user, public_id, form.cleaned_data["message"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Your request was sent to the operator. You will get an e-mail when it is decided."),
            )
            return redirect("accounts:organizations")
    status = 400 if request.method == "POST" else 200
    context = {"organization": organization, "form": form}
    return render(request, "directory/profile_handover_request.html", context, status=status)

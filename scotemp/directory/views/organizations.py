"""An organization's public page with its contact form, and the members' inbox. Views validate, call
one query or action, render; who may read the inbox is decided by ``queries.inbox_of``."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scotemp.accounts.models import Organization
from scotemp.core.pagecache import anonymous_page
from scotemp.core.permissions import is_member

from .. import actions, queries
from ..forms import ContactForm


def _organization_page(request, organization, contact_form=None, status=200):
    user = request.user
    member = is_member(user, organization.pk)
    context = {
        "organization": organization,
        "profile": queries.profile_for_display(organization, user),
        "is_member": member,
        "can_edit": Organization.objects.editable_by(user).filter(pk=organization.pk).exists(),
        "unread": queries.unread_count(organization) if member else 0,
        "contact_form": contact_form or ContactForm(),
    }
    return render(request, "directory/organization.html", context, status=status)


@anonymous_page
def organization_detail(request, public_id):
    organization = queries.organization_for_display(public_id)
    return _organization_page(request, organization)


@require_POST
def contact(request, public_id):
    organization = queries.organization_for_display(public_id)
    if not request.user.is_authenticated:
        page = reverse("directory:organization", args=[organization.public_id])
        return redirect_to_login(page + "#contact")
    form = ContactForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            actions.send_contact_message(
                request.user, organization, form.cleaned_data["subject"], form.cleaned_data["body"]
            )
        except ValidationError as exc:
            if isinstance(exc, actions.RateLimited):
                status = 429
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                for error in exc.messages:
                    form.add_error(None, error)
        else:
            messages.success(
                request, _("Your message was sent to %(organization)s.") % {"organization": organization.name}
            )
            return redirect("directory:organization", public_id=organization.public_id)
    return _organization_page(request, organization, contact_form=form, status=status)


def inbox(request, public_id):
    organization = queries.inbox_of(request.user, public_id)
    page = Paginator(queries.inbox_messages(organization), 20).get_page(request.GET.get("page"))
    unread_ids = [m.pk for m in page.object_list if m.read_at is None]
    actions.mark_read(organization, unread_ids)
    context = {"organization": organization, "page": page, "unread_ids": set(unread_ids)}
    return render(request, "directory/inbox.html", context)

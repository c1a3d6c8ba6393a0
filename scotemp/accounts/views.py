"""Pages for the user's settings, their organizations, members, invitations and the language switch.

Views validate input, call one action and render. Private organization pages exist only for members
and operators (everybody else gets 404, see ``Organization.objects.private_to``)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions, queries
from .choices import Role
from .forms import (
    ApiTokenForm,
    InvitationForm,
    OrganizationForm,
    ProfileForm,
    RoleForm,
    SwitchOrganizationForm,
)

MANAGER_ROLES = (Role.OWNER, Role.ADMIN)


def add_errors(form, exc: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Put an action's ValidationError on the form: on its field when the form has one (``fields``
    maps the action's field names to the form's where they differ), else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = (fields or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def safe_next(request, fallback: str = "/") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or request.META.get("HTTP_REFERER") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


# --- language ----------------------------------------------------------------------------------------


@require_POST
def language(request):
    """Switch the interface language: cookie for everyone, saved on the account for signed-in users."""
    code = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request))
    if code not in dict(settings.LANGUAGES):
        messages.error(request, _("Choose one of the offered languages."))
        return response
    if request.user.is_authenticated:
        actions.set_language(request.user, code)
    translation.activate(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# --- settings ----------------------------------------------------------------------------------------


def _settings_page(request, profile_form=None, token_form=None, new_secret=None, status=200):
    organizations = list(queries.my_organizations(request.user))
    context = {
        "profile_form": profile_form
        or ProfileForm(
            initial={
                "full_name": request.user.full_name,
                "language": request.user.language or translation.get_language(),
            }
        ),
        "token_form": token_form or ApiTokenForm(organizations=organizations),
        "tokens": queries.tokens_of(request.user),
        "organizations": organizations,
        "new_secret": new_secret,
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
def settings_view(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            actions.update_profile(request.user, **form.cleaned_data)
            translation.activate(request.user.language)
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:settings")
        return _settings_page(request, profile_form=form, status=400)
    return _settings_page(request)


@login_required
@require_POST
def token_create(request):
    organizations = list(queries.my_organizations(request.user))
    form = ApiTokenForm(request.POST, organizations=organizations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            token, raw = actions.create_api_token(
                request.user,
                data["organization"],
                data["name"],
                scope=data["scope"],
                expires_at=data["expires_at"],
            )
        except ValidationError as exc:
            add_errors(form, exc, {"expires_at": "expires_on" if data["expiry"] == "date" else "expiry"})
        else:
            # Rendered, not redirected: the secret exists only in this response.
            response = _settings_page(request, new_secret={"token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    return _settings_page(request, token_form=form, status=400)


@login_required
@require_POST
def token_revoke(request, token_id):
    token = actions.revoke_api_token(request.user, token_id)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:settings")


@login_required
@require_POST
def switch_organization(request):
    form = SwitchOrganizationForm(request.POST)
    if form.is_valid():
        organization = actions.switch_active_organization(request.user, form.cleaned_data["organization"])
        messages.success(request, _("You now act for %(name)s.") % {"name": organization.name})
    else:
        messages.error(request, _("Choose one of your organizations."))
    return redirect(safe_next(request, reverse("accounts:organizations")))


# --- organizations -----------------------------------------------------------------------------------


@login_required
def organization_list(request):
    context = {"organizations": queries.my_organizations(request.user), "role_choices": Role.choices}
    return render(request, "accounts/organization_list.html", context)


@login_required
def organization_create(request):
    # The directory registers the organization (identifier, profile, search index); imported here, in
    # the view layer only, so the accounts domain never depends on the directory.
    from scotemp.directory.actions import register_organization

    form = OrganizationForm(request.POST or None)
    duplicate_of = None
    if request.method == "POST" and form.is_valid():
        try:
            organization = register_organization(request.user, **form.cleaned_data)
        except ValidationError as exc:
            duplicate_of = getattr(exc, "existing", None)
            add_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s was created. You are its owner.") % {"name": organization.name}
            )
            return redirect("accounts:organization", public_id=organization.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "creating": True, "duplicate_of": duplicate_of}
    return render(request, "accounts/organization_form.html", context, status=status)


def _detail_page(request, organization, invitation_form=None, status=200):
    from scotemp.directory.queries import profile_completeness  # view layer only, see above

    acting_role = queries.acting_role(request.user, organization)  # operators act as owners
    can_manage = acting_role in MANAGER_ROLES
    context = {
        "organization": organization,
        "my_role": queries.role_in(request.user, organization),
        "can_manage": can_manage,
        "is_owner": acting_role == Role.OWNER,
        "members": queries.members_of(organization),
        "invitations": queries.open_invitations(organization) if can_manage else [],
        "invitation_form": invitation_form or InvitationForm(),
        "role_choices": Role.choices,
        "completeness": profile_completeness(organization),
    }
    return render(request, "accounts/organization_detail.html", context, status=status)


def organization_detail(request, public_id):
    return _detail_page(request, queries.private_organization(request.user, public_id))


def organization_edit(request, public_id):
    """The profile editor lives in the directory (one place edits an organization); 404 for non-members."""
    queries.private_organization(request.user, public_id)
    return redirect("directory:profile_edit", public_id=public_id)


def _back(public_id):
    return redirect("accounts:organization", public_id=public_id)


@require_POST
def member_role(request, public_id, member_id):
    queries.private_organization(request.user, public_id)  # 404 before anything else
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose owner, administrator or member."))
        return _back(public_id)
    try:
        actions.change_role(request.user, public_id, member_id, form.cleaned_data["role"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The role was changed."))
    return _back(public_id)


@require_POST
def member_remove(request, public_id, member_id):
    queries.private_organization(request.user, public_id)
    try:
        actions.remove_member(request.user, public_id, member_id)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The member was removed."))
    return _back(public_id)


@require_POST
def organization_leave(request, public_id):
    queries.private_organization(request.user, public_id)
    try:
        actions.leave_organization(request.user, public_id)
    except ValidationError as exc:
        flash_errors(request, exc)
        return _back(public_id)
    messages.success(request, _("You left the organization."))
    return redirect("accounts:organizations")


@require_POST
def invitation_create(request, public_id):
    organization = queries.private_organization(request.user, public_id)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _raw = actions.invite_member(
                request.user,
                public_id,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                link_base=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return _back(public_id)
    return _detail_page(request, organization, invitation_form=form, status=400)


@require_POST
def invitation_revoke(request, public_id, invitation_id):
    queries.private_organization(request.user, public_id)
    actions.revoke_invitation(request.user, public_id, invitation_id)
    messages.success(request, _("The invitation was revoked."))
    return _back(public_id)


def invitation_accept(request, token):
    invitation = actions.find_invitation(token)
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            actions.accept_invitation(request.user, token)
        except (ValidationError, PermissionDenied) as exc:
            error = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        else:
            messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.organization.name})
            return redirect("accounts:organization", public_id=invitation.organization.public_id)
    context = {"invitation": invitation, "error": error, "next": request.path}
    return render(request, "accounts/invitation_accept.html", context, status=400 if error else 200)

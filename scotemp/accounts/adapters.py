from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """Hooks into allauth: remembers the language a user signed up in, and says how to get in when the
    password attempts of an account are used up."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Anyone can use up an account's password attempts; its owner can still sign in by code.
        "too_many_login_attempts": _(
            "Too many failed password attempts for this account. Try again in a few minutes, or sign "
            "in now with a code sent to your e-mail address (“Send me a sign-in code” below)."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        from django.utils import translation

        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails leave through the outbox like every other e-mail of the platform."""
        from .emails import queue_account_email

        queue_account_email(template_prefix, email, context, request=self.request)

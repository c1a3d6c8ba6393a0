from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Hooks into allauth: remembers the language a user signed up in."""

    def save_user(self, request, user, form, commit=True):
        from django.utils import translation

        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails leave through the outbox like every other e-mail of the platform."""
        from .emails import queue_account_email

        queue_account_email(template_prefix, email, context, request=self.request)

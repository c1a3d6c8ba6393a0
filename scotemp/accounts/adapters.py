from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Hooks into allauth: remembers the language a user signed up in."""

    def save_user(self, request, user, form, commit=True):
        from django.utils import translation

        user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit=commit)

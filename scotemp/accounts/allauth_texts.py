"""Texts of django-allauth's pages and e-mails that the platform words itself: allauth's own Chinese
catalogue leaves "Email" in Latin letters (添加Email) and its Russian one mixes "E-mail" in. Listed
here so that they enter the platform's catalogues (locale/), which take precedence over allauth's."""

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = [
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Email Changed"),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Confirmation"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Email Removed"),
    gettext_noop("Email Address"),
    gettext_noop("Current email"),
    gettext_noop("Change Email"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Primary email address set."),
    gettext_noop("Bad Token"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Username or email"),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("You cannot activate two-factor authentication until you have verified your email address."),
    gettext_noop("Your account has no verified email address."),
]

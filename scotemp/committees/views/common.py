"""What the committee pages share: putting an action's refusal on its form."""

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """The action's errors on the form: on the field they name, else on the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

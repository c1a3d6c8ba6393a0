"""The project's template backend: Django's, whose ``i18n`` library is replaced on purpose.

``TEMPLATES["OPTIONS"]["libraries"]`` maps ``i18n`` to
:mod:`scotemp.core.templatetags.remembered_i18n` (Django's tags, constant translations remembered per
process). Django's check warns of any library name that two modules claim (``templates.W003``); this
backend keeps that check for every other name and leaves out only the intended replacement."""

from django.template.backends.django import DjangoTemplates as DjangoBackend

REPLACED = {"i18n": ("django.templatetags.i18n", "scotemp.core.templatetags.remembered_i18n")}


class DjangoTemplates(DjangoBackend):
    def _check_for_template_tags_with_the_same_name(self):
        intended = {
            f"{name!r} is used for multiple template tag modules: {', '.join(map(repr, sorted(modules)))}"
            for name, modules in REPLACED.items()
            if self.engine.libraries.get(name) == modules[1]
        }
        return [w for w in super()._check_for_template_tags_with_the_same_name() if w.msg not in intended]

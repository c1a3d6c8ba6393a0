from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "scotemp.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from scotemp.core.effects import register_sink

        from .sink import deliver_notices, prepare_notice

        register_sink(deliver_notices, prepare=prepare_notice)

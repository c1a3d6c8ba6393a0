from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "scotemp.trade"
    verbose_name = _("Trade leads")

    def ready(self):
        from django_tasks.signals import task_started

        from .tasks.worker import warm_on_first_task

        task_started.connect(warm_on_first_task, dispatch_uid="trade.match_index_warm")

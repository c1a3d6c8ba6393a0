"""Writes of the logistics app, one module per noun: loading the reference network and schedules
(:mod:`.loading`), the network edited by the operator (:mod:`.network`), tariff and VAT schedules
(:mod:`.costs`), lane rates, service offers, quote requests and quotes (:mod:`.freight`), shipments
and tracking events (:mod:`.shipments`). Each action runs in one transaction and announces what
happened through ``core.effects.announce``."""

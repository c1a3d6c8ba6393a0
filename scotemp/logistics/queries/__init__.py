"""Reads of the logistics app, one module per noun: the route planner (:mod:`.routes`), the
delivered cost (:mod:`.costs`), lane rates, offers and quotes (:mod:`.freight`), shipments and their
timeline (:mod:`.shipments`)."""

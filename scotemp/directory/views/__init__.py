"""Pages of the directory, one module per noun: the search (:mod:`.search`), an organization's page,
contact form and inbox (:mod:`.organizations`), editing a profile and asking for it (:mod:`.profiles`),
and the operators' handover queue (:mod:`.handovers`)."""

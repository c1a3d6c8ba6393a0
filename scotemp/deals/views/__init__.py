"""Pages of the deals workflow, one module per noun: the pipeline (:mod:`.pipeline`), requests and
the comparison (:mod:`.rfqs`), one inquiry and its thread (:mod:`.inquiries`), the deal
(:mod:`.deals`) and the operator's report (:mod:`.report`). Views fetch rows only through
:mod:`scotemp.deals.queries` (third parties get 404), validate with the forms, call one action and
redirect with a message (:mod:`.common`)."""

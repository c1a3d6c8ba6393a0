from ninja import Router

router = Router(tags=["saved searches"])

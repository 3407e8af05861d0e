from ninja import Router

router = Router(tags=["agreement"])

"""Facts for shop.coupon-campaign: the new code's name and WINTER30's use count."""


def prepare(ctx):
    row = ctx.site("shop").sql("SELECT times_used FROM coupons WHERE code = 'WINTER30'")[0]
    code = f"{ctx.params['category'][:5].upper()}{ctx.params['percent']}"
    return {"code": code, "winter_uses": row["times_used"]}

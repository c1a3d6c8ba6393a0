"""The import duty and import VAT lines of a delivered cost (:mod:`.calculator`): the schedule's rows
that apply (:mod:`.schedules`), ad valorem, specific and compound duties with their quotas, and VAT on
the customs value plus the duty."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from ...choices.costs import CompoundRule, CostLine, DutyKind, Payer, Quota
from .breakdown import HUNDRED, Converter, CostInput, Line, Money, _, cents
from .units import UnitMismatch, convert_quantity


def _duty_amount(row, customs_value: Decimal, inp: CostInput, convert: Converter, line: Line) -> Decimal:
    ad_valorem = specific = None
    pct = row.provisional_pct if row.provisional_pct is not None else row.ad_valorem_pct
    if row.kind in (DutyKind.AD_VALOREM, DutyKind.COMPOUND):
        ad_valorem = customs_value * pct / HUNDRED
        line.rate_pct = pct
        if row.provisional_pct is not None and row.ad_valorem_pct is not None:
            line.notes.append(
                _("Provisional rate %(provisional)s%% applies instead of the MFN rate %(mfn)s%%.")
                % {"provisional": row.provisional_pct.normalize(), "mfn": row.ad_valorem_pct.normalize()}
            )
    if row.kind in (DutyKind.SPECIFIC, DutyKind.COMPOUND):
        try:
            quantity = convert_quantity(inp.quantity, inp.unit, row.specific_unit_id)
        except UnitMismatch:
            raise ValidationError(
                {
                    "unit": _(
                        "The duty is charged per %(duty_unit)s and the quantity is in %(unit)s, which do not "
                        "convert: give the quantity in a unit of the same kind."
                    )
                    % {"duty_unit": row.specific_unit_id, "unit": inp.unit}
                },
                code="unit_mismatch",
            ) from None
        per_unit = Line(CostLine.DUTY, "", None, Payer.BUYER)
        specific = convert(
            Money(row.specific_amount * quantity, row.specific_currency_id), per_unit, "currency"
        )
        line.notes.append(
            _("Specific duty %(amount)s %(currency)s per %(unit)s × %(quantity)s.")
            % {
                "amount": row.specific_amount.normalize(),
                "currency": row.specific_currency_id,
                "unit": row.specific_unit_id,
                "quantity": quantity.normalize(),
            }
        )
    if ad_valorem is not None and specific is not None:
        if row.compound_rule == CompoundRule.SUM:
            return ad_valorem + specific
        return max(ad_valorem, specific)
    return ad_valorem if ad_valorem is not None else specific


def duty(inp, pays, book, country, origin_country, customs_value, convert) -> Line:
    """The import duty line: the destination's schedule row for the goods and their origin, applied to
    the customs value in the result's currency (unknown, and so marked, when no row applies)."""
    line = Line(CostLine.DUTY, _("Import duty"), None, Payer.BUYER)
    if origin_country == country:
        line.amount, line.notes = Decimal("0.00"), [_("No import: the goods do not leave the country.")]
        return line
    member = book.same_union(origin_country, country)
    if member is not None:
        line.amount = Decimal("0.00")
        line.source = member.source
        line.notes.append(
            _("No import duty inside the customs union %(union)s.") % {"union": member.union_id}
        )
        return line
    if not pays.duty:
        line.amount, line.payer, line.included = Decimal("0.00"), Payer.SELLER, True
        line.notes.append(_("DDP: the seller pays import duty and VAT."))
        return line
    match = book.duty(country, inp.hs_code)
    row = match.row
    if row is not None:
        line.rate_text, line.duty_kind = row.rate_text, row.kind
        line.source, line.source_date, line.confidence = row.source, row.source_date, row.confidence
        line.indicative = row.indicative
        if row.notes:
            line.source_notes.append(row.notes)
    where = match.jurisdiction
    if match.union is not None and where == match.union.union_id:
        line.notes.append(
            _("Common customs tariff of %(union)s, which %(country)s applies.")
            % {"union": where, "country": country}
        )
    if row is None or not row.known or customs_value is None:
        line.notes.insert(0, _("No duty rate known for this jurisdiction (%(where)s).") % {"where": where})
        return line
    if row.quota == Quota.IN_QUOTA:
        line.indicative = True
        line.notes.append(_("In-quota rate: it applies only within a tariff-rate quota allocation."))
    elif row.quota == Quota.OUT_OF_QUOTA:
        line.notes.append(_("Out-of-quota rate: it applies without a tariff-rate quota allocation."))
    line.amount = cents(_duty_amount(row, customs_value, inp, convert, line))
    return line


def vat(inp, pays, book, country, origin_country, base, duty_known) -> Line:
    """The import VAT line: the destination's rate on ``base`` (the customs value plus the duty)."""
    line = Line(CostLine.VAT, _("Import VAT"), None, Payer.BUYER)
    if origin_country == country:
        line.amount, line.notes = (
            Decimal("0.00"),
            [_("No import: domestic VAT is not part of this calculation.")],
        )
        return line
    if not pays.vat:
        line.amount, line.payer, line.included = Decimal("0.00"), Payer.SELLER, True
        return line
    standard, reduced = book.vat_rate(country, inp.hs_code)
    row = reduced or standard
    rate = (
        reduced.rate_pct if reduced is not None else (standard.standard_pct if standard is not None else None)
    )
    if row is not None:
        line.source, line.source_date, line.confidence = row.source, row.source_date, row.confidence
        line.indicative = row.indicative
    if rate is None or base is None:
        line.notes.append(_("No VAT rate known for %(country)s.") % {"country": country})
        return line
    line.rate_pct = rate
    if reduced is not None:
        line.notes.append(_("Reduced rate for HS %(prefix)s.") % {"prefix": reduced.hs_prefix})
        if reduced.description:
            line.source_notes.append(reduced.description)
        if reduced.notes:
            line.source_notes.append(reduced.notes)
    line.notes.append(_("Base: customs value + import duty; excise and consumption tax are not modelled."))
    if not duty_known:
        line.notes.append(
            _("The base leaves out the unknown duty: this VAT is too low by the VAT on the duty.")
        )
    line.amount = cents(base * rate / HUNDRED)
    return line

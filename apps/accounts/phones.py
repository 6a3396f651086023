"""Mainland China mobile numbers: +86 1[3-9]x xxxx xxxx."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_mainland_mobile(raw: str) -> str:
    """Return the number as +8613812345678, or raise a ValidationError saying what is wrong."""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a mobile number such as 138 1234 5678."), code="invalid") from error
    if number.country_code != 86:
        raise ValidationError(
            _("Only mainland China mobile numbers (+86) are accepted."), code="not_mainland"
        )
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(_("%(number)s is not a valid mobile number.") % {"number": raw}, code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def masked(phone) -> str:
    """138****5678, for people who need to see that a number exists, not the number."""
    digits = str(phone).removeprefix("+86")
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) == 11 else "****"

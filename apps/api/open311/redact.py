"""Phone numbers, ID numbers and licence plates taken out of the text the public feed carries,
however they are typed: full-width digits, spaces or dashes between the digits, lower case."""

import re

from django.utils.translation import gettext as _

# Full-width digits and letters, the ideographic space and dashes read as their ASCII forms; one
# character for one, so a match in the folded text is the same span in the original.
_FOLD = str.maketrans(
    {
        **{0xFF10 + i: str(i) for i in range(10)},
        **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
        **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
        0x3000: " ",
        0xFF0D: "-",
        0x2010: "-",
        0x2011: "-",
        0x2012: "-",
        0x2013: "-",
        0x2014: "-",
        0xFF0B: "+",
    }
)

_GAP = r"[\s\-.·]?"
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"

_SENSITIVE = re.compile(
    "|".join(
        [
            # resident ID (身份证): 18 characters, the last a digit or X; the old 15-digit form
            rf"(?<![0-9A-Za-z])[1-9](?:{_GAP}\d){{16}}{_GAP}[0-9Xx](?![0-9A-Za-z])",
            rf"(?<![0-9A-Za-z])[1-9](?:{_GAP}\d){{14}}(?![0-9A-Za-z])",
            # any other long run of digits: bank cards, numbers glued to others
            rf"(?<!\d)\d(?:{_GAP}\d){{11,}}(?!\d)",
            # mobile, with or without +86
            rf"(?<!\d)(?:\+?86{_GAP})?1[3-9]\d(?:{_GAP}\d){{8}}(?!\d)",
            # landline with its area code, 400/800 numbers, and a local 7- or 8-digit number
            rf"(?<!\d)0\d{{2,3}}{_GAP}\d{{3,4}}{_GAP}\d{{4}}(?!\d)",
            rf"(?<!\d)[48]00{_GAP}\d{{3}}{_GAP}\d{{4}}(?!\d)",
            rf"(?<![\d-])[2-9]\d{{2,3}}{_GAP}\d{{4}}(?![\d-])",
            # licence plate: province, letter, 5 characters (6 for new energy), maybe 挂/学/警
            rf"[{_PROVINCES}]{_GAP}[A-Za-z]{_GAP}(?:[0-9A-Za-z]{_GAP}){{4,5}}[0-9A-Za-z挂学警港澳](?![0-9A-Za-z])",
        ]
    )
)


def redact(text: str) -> str:
    """The text with each phone number, ID number and licence plate replaced by “[removed]”."""
    folded = text.translate(_FOLD)
    removed = _("[removed]")
    parts, start = [], 0
    for match in _SENSITIVE.finditer(folded):
        parts += [text[start : match.start()], removed]
        start = match.end()
    return "".join([*parts, text[start:]])

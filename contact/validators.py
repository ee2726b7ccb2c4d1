"""Checks that a phone number or email address is one the practice could actually reach.

The phone check uses `phonenumbers` (Google's libphonenumber data): the shape a person types,
then a number that exists in the US numbering plan or, written with +, abroad. The email check
adds to Django's own: a public domain (not an address on this machine or a private network),
and no domain that mixes Latin letters with look-alikes from another script (`gmаil.com` with
a Cyrillic а). An international domain is kept in its ASCII form (`xn--…`), the name mail
servers use and the one staff can tell apart from the name it imitates.
"""

import ipaddress
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

PHONE_MESSAGE = _("Enter a phone number with its area code, for example 201-555-0123.")
EMAIL_MESSAGE = _("Enter an email address like name@example.com.")
PHONE_REGION = "US"
MIN_PHONE_DIGITS = 7
# Digits with the usual separators, and an optional extension; letters (vanity numbers) are not asked for.
PHONE_SHAPE = re.compile(r"^\+?[0-9 ().\-]{7,25}(\s*(x|ext\.?)\s*[0-9]{1,6})?$")


def validate_phone(value):
    """A number someone could dial: typed as digits and separators, at least seven digits,
    and valid in the US plan (or abroad when it starts with +)."""
    number = re.split(r"x|ext", value, maxsplit=1)[0]
    if not PHONE_SHAPE.match(value) or sum(c.isdigit() for c in number) < MIN_PHONE_DIGITS:
        raise ValidationError(PHONE_MESSAGE, code="invalid")
    try:
        parsed = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_MESSAGE, code="invalid") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(PHONE_MESSAGE, code="invalid")


def scripts_of(label):
    """The writing systems of a domain label's letters ("LATIN", "CYRILLIC", "HANGUL"…)."""
    return {unicodedata.name(c, "UNKNOWN").split()[0] for c in label if c.isalpha()}


def validate_reachable_email_domain(value):
    """An email's domain is a public name with a dot: not `localhost`, not an IP address, and no
    label mixing Latin letters with another script's. Malformed addresses are left to Django's
    own validator, so the visitor sees one message."""
    try:
        validate_email(value)
    except ValidationError:
        return
    domain = value.rpartition("@")[2].strip("[]").lower()
    if domain.startswith("ipv6:"):
        raise ValidationError(EMAIL_MESSAGE, code="invalid")
    if any("LATIN" in scripts and len(scripts) > 1 for scripts in map(scripts_of, domain.split("."))):
        raise ValidationError(EMAIL_MESSAGE, code="invalid")
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        if "." in domain.strip(".") and not domain.endswith(".localhost"):
            return
    raise ValidationError(EMAIL_MESSAGE, code="invalid")


def ascii_email(value):
    """`value` with its domain in ASCII (IDNA): `someone@한국.kr` becomes `someone@xn--3e0b707e.kr`."""
    local, at, domain = value.rpartition("@")
    if not at or domain.isascii():
        return value
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        raise ValidationError(EMAIL_MESSAGE, code="invalid") from None


def normalized_email(value):
    """The form of an address that the inbox's exact-match search compares: trimmed, case folded."""
    value = value.strip().casefold()
    return value if "@" in value else ""


def normalized_phone(value):
    """The form of a number that the inbox's exact-match search compares: E.164 ("+12015550123"),
    however it was typed; empty when it is not a possible number."""
    try:
        parsed = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

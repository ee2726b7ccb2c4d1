"""Where a visitor asks for a consultation. The app that takes the request provides the
address through the Wagtail hook "intake_url", so the practice's pages and templates link to it
without naming that app."""

from wagtail import hooks


def intake_url(**choices):
    """The consultation request's address in the active language, with `choices` already made
    (service=<slug>, clinician=<slug>) as its query. The first "intake_url" hook gives it: a
    function taking those keyword arguments and returning the address. "" when no installed app
    registers one (the links are then left out)."""
    for hook in hooks.get_hooks("intake_url"):
        return hook(**choices)
    return ""


def consultation_clinicians():
    """A subquery of the clinician pages whose free call can be booked online, from the first
    "consultation_clinicians" hook (the booking app's), or None when no installed app books calls."""
    for hook in hooks.get_hooks("consultation_clinicians"):
        return hook()
    return None

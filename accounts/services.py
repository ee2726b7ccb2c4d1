"""Staff account actions that the views, tasks and commands share."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template import loader
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import invitations

GUESSING_SUBJECT = "Wrong passwords entered for your staff account"
GUESSING_BODY = """Hello {name},

Someone entered wrong passwords for your staff account on the website several times in the last
few minutes. If that was you, there is nothing to do.

If it was not you: your account is not locked. Signing in to it from other browsers is slowed
down, and the browser you usually sign in with can still sign in as normal. If you think
someone may know your password, sign in and change it under Account:

{account_url}

If you cannot sign in, ask an administrator for help.
"""
SUBJECT_TEMPLATE = "wagtailadmin/account/password_reset/email_subject.txt"
BODY_TEMPLATE = "wagtailadmin/account/password_reset/email.txt"


def password_reset_deliver(*, user_id):
    """Sends Wagtail's password reset mail to an active user with a usable password and an
    email address; returns "sent" or "skipped". Mail errors are raised, so the task fails
    visibly rather than claiming success."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return "skipped"
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    context = {
        "email": user.email,
        "domain": base.netloc,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": base.scheme or "https",
    }
    subject = "".join(loader.render_to_string(SUBJECT_TEMPLATE, context).splitlines())
    body = loader.render_to_string(BODY_TEMPLATE, context)
    EmailMessage(subject, body, None, [user.email]).send()
    return "sent"


def guessing_alert_deliver(*, user_id):
    """Sends the "wrong passwords for your account" mail from the neutral sender
    (DEFAULT_FROM_EMAIL): no address, password or time of the tries, nothing about the
    practice's kind of work. Returns "sent" or "skipped"; mail errors are raised."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "skipped"
    body = GUESSING_BODY.format(
        name=user.get_short_name() or user.get_username(),
        account_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_account"),
    )
    EmailMessage(GUESSING_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    return "sent"


INVITATION_SUBJECT = "Set up two-factor sign-in for your staff account"
INVITATION_BODY = """Hello {name},

To finish setting up your staff account, open this link, sign in with your password and
follow the steps to add an authenticator app on your phone:

{link}

The link works once and for {days} days, and only for your account. If you did not expect
this email, you can ignore it.
"""


def invitation_deliver(*, user_id):
    """Makes a new one-time set-up link (replacing earlier ones) and mails it from the neutral
    sender to the user's address on file; returns "sent" or "skipped"; mail errors are raised."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "skipped"
    body = INVITATION_BODY.format(
        name=user.get_short_name() or user.get_username(),
        link=invitations.link(user),
        days=invitations.MAX_AGE.days,
    )
    EmailMessage(INVITATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    return "sent"

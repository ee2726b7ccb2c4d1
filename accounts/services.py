"""Staff account actions that the views, tasks and commands share."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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

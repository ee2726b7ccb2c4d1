"""What intake staff may say on each channel when they reach out: neutral words that name
neither the reason for the call nor what the person wrote."""

from contact.models import ConsultationRequest, ContactSettings, Submission
from practice.models import PracticeSettings


def outreach_scripts(submission):
    """What intake staff may say on each channel when they reach out about `submission`, in the
    same neutral words as the visitor's email (the sender name from the contact settings): no
    word about therapy or what the person wrote, since others may hear or read it. A channel
    the visitor did not consent to says so instead of giving a script."""
    sender = ContactSettings.load().visitor_sender_name
    phone = PracticeSettings.load().phone
    call_back = f" Please call us back at {phone}." if phone else " Please call us back when you can."
    if isinstance(submission, ConsultationRequest):
        consents = {
            "voicemail": submission.voicemail_consent_at is not None,
            "text": submission.text_consent_at is not None,
            "email": submission.email_consent_at is not None,
        }
    else:  # the contact form asks no consents: only the channel the visitor chose
        channel = submission.preferred_channel
        consents = {
            "voicemail": False,
            "text": channel == Submission.Channel.TEXT,
            "email": bool(submission.email),
        }
    return [
        {
            "title": "Voicemail",
            "script": f"Hello, this is [your first name] from {sender}, returning your message.{call_back} Thank you."
            if consents["voicemail"]
            else "Do not leave a voicemail: they did not agree to one. Hang up and try again at another of their best times.",
        },
        {
            "title": "Text message",
            "script": f"Hi, this is {sender} replying to your message. When is a good time to talk? Reply STOP to opt out."
            if consents["text"]
            else "Do not send texts: they did not agree to them.",
        },
        {
            "title": "Email",
            "script": f"From “{sender}”, subject “{ContactSettings.load().visitor_subject}”. Say only that you are "
            "replying and suggest times to talk; nothing about what they wrote."
            if consents["email"]
            else "Do not email: they did not agree to emails that name the practice.",
        },
    ]

"""The dashboard's warning that staff notifications are not going out: usually the task worker
has stopped. Intake staff see it at the top of the admin's home page when a staff notification
has been pending (or stuck sending) for longer than `CONTACT_NOTIFY_WARN_SECONDS` (default 300);
the worker sends one within seconds, so five minutes means nobody is sending. Nobody else sees
it: it says how many enquiries arrived.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from contact.inbox.dashboard import IntakeStaffPanel
from contact.models import Submission

State = Submission.NotificationState
DEFAULT_WARN_SECONDS = 300


def warn_after():
    """How long a staff notification may wait before the dashboard warns about it."""
    return timedelta(seconds=getattr(settings, "CONTACT_NOTIFY_WARN_SECONDS", DEFAULT_WARN_SECONDS))


def notifications_stuck():
    """Staff notifications pending or sending since before `warn_after()` ago: (count, oldest
    arrival time or None)."""
    waiting = Submission.objects.filter(
        notification_state__in=[State.PENDING, State.SENDING],
        received_at__lt=timezone.now() - warn_after(),
    )
    oldest = waiting.order_by("received_at").values_list("received_at", flat=True).first()
    return (waiting.count() if oldest else 0), oldest


class NotificationsStuckPanel(IntakeStaffPanel):
    """A warning above every other panel, shown only while notifications are stuck."""

    name = "notifications_stuck"
    template_name = "contact/admin/notifications_stuck.html"
    order = 10  # before Wagtail's own panels and the enquiry counts (50)

    def get_context_data(self, parent_context):
        count, oldest = notifications_stuck()
        return {
            "count": count,
            "oldest": oldest,
            "minutes": max(1, int(warn_after().total_seconds() // 60)),
            "index_url_name": "enquiries:index",
        }

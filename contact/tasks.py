"""Background tasks (Django's tasks API). They use the "notifications" backend, a database
queue that `manage.py db_worker --backend notifications` works through; retries are queued
for later with `run_after`.

Each task takes a submission's primary key, never its content, so the queue holds no
personal data.
"""

from django.tasks import task

from contact import services

BACKEND = "notifications"


@task(backend=BACKEND)
def send_staff_notification(submission_id):
    """Delivers the staff notification; on failure records it and queues a retry with back-off."""
    return services.notification_deliver(submission_id=submission_id, schedule_retry=True)


@task(backend=BACKEND)
def send_visitor_confirmation(submission_id, attempt=1):
    return services.visitor_confirmation_deliver(submission_id=submission_id, attempt=attempt)

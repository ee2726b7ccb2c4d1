"""Background tasks on the "notifications" queue (`manage.py task_worker --backend notifications`).

A task takes a user's primary key only: tokens and links are made when the mail is sent, so
the queue never holds a working link.
"""

from django.tasks import task

from accounts import services


@task(backend="notifications")
def send_password_reset(user_id):
    return services.password_reset_deliver(user_id=user_id)


@task(backend="notifications")
def send_guessing_alert(user_id):
    return services.guessing_alert_deliver(user_id=user_id)


@task(backend="notifications")
def send_two_factor_invitation(user_id):
    return services.invitation_deliver(user_id=user_id)

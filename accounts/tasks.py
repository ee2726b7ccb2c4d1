"""Background tasks on the "notifications" queue (`manage.py task_worker --backend notifications`).

A task takes a user's primary key only: the reset token is made when the mail is sent, so
the queue never holds a working reset link.
"""

from django.tasks import task

from accounts import services


@task(backend="notifications")
def send_password_reset(user_id):
    return services.password_reset_deliver(user_id=user_id)

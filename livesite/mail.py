"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives and can be
stopped and started again on the same port, to play a mail outage, or hold one sender
mid-conversation, to play a crash mid-send."""

import asyncio
import email
import email.policy
import threading
import time

from aiosmtpd.controller import Controller

from livesite.site import free_port


class Inbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()
        self._transactions = 0
        self._hold_at = None
        self.held = threading.Event()
        self._released = threading.Event()

    def hold(self, nth):
        """Keep the sender of the `nth` mail transaction from now waiting for the reply to its
        MAIL FROM (the message is not sent yet) until `release()`; `held` is set meanwhile."""
        with self._lock:
            self._hold_at = self._transactions + nth
        self.held.clear()
        self._released.clear()

    def release(self):
        self._released.set()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        with self._lock:
            self._transactions += 1
            hold = self._transactions == self._hold_at
        if hold:
            self.held.set()
            while not self._released.is_set():
                await asyncio.sleep(0.05)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(
                {
                    "raw": envelope.content.decode(errors="replace"),
                    "message": message,
                    "to": list(envelope.rcpt_tos),
                }
            )
        return "250 Message accepted for delivery"

    def subjects(self):
        with self._lock:
            return [m["message"]["Subject"] for m in self.messages]

    def wait_for(self, predicate, timeout=60, what="mail"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = [m for m in self.messages if predicate(m)]
            if found:
                return found
            time.sleep(0.2)
        raise AssertionError(f"no {what} arrived within {timeout}s; got subjects {self.subjects()}")


class MailServer:
    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self._controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}/?timeout=5"

    def start(self):
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def unreachable_mailers():
    """MAILERS pointing at a local port nobody listens on: a real, immediate connection failure."""
    port = free_port()
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }

"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives and can be
stopped and started again on the same port, to play a mail outage."""

import email
import email.policy
import threading
import time

from aiosmtpd.controller import Controller

from tests.live import free_port


class Inbox:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

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

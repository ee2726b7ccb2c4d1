"""What the booking app tells others, without importing them."""

from django.dispatch import Signal

# Sent once a call's cancellation or move is committed, with `booking`: the cancelled booking,
# or the live one it was moved to, its notice to the client due ("notice_state" pending).
# Receivers must not raise: the change is already saved.
call_changed = Signal()

"""What the contact app tells others, without importing them."""

from django.dispatch import Signal

# Sent once an enquiry (contact message or consultation request) is committed, with `request`
# (the form's post). Receivers must not raise: the visitor's enquiry is already saved.
enquiry_received = Signal()

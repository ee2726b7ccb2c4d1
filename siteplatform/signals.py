"""What the platform tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent when the site's search answers a query (its first page): `request`, `query` (as
# searched), `found` (whether anything was).
searched = Signal()

"""The test settings with production's HTTPS behaviour, for live sites that test who is believed
to have come over HTTPS.

tests.settings turns the HTTPS redirect and HSTS off for every test; these sites need them as
production has them, from the same environment variables (SECURE_SSL_REDIRECT,
SECURE_HSTS_SECONDS; TRUSTED_PROXY_COUNT is read by the base settings already).
"""

from siteplatform.env import env_bool, env_int
from tests.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
# LiveSite and Varnish probe /healthz over plain HTTP, as a load balancer's health check does.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

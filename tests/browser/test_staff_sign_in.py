"""Staff sign-in in a real browser, with two-factor required as in production."""

import base64
import re

import pytest
from django_otp.oath import totp

from livesite import LiveSite

PASSWORD = "live-two-factor-password"  # noqa: S105 - test account only


@pytest.fixture(scope="module")
def strict_site():
    """A site (no demo content) where two-factor is required, as with DEBUG off in production."""
    site = LiveSite(env={"TWO_FACTOR_REQUIRED": "True"}, demo=False, workers=1, threads=2)
    site.start()
    site.create_user("lead", PASSWORD, superuser=True)
    yield site
    site.stop()


def code_from(secret, *, steps_ahead=0):
    # steps_ahead=1 gives the next 30-second code, which the site accepts (clock drift) and
    # which it has not seen yet: a code is never accepted twice.
    return f"{totp(base64.b32decode(secret), drift=steps_ahead):06d}"


def set_up_link(site, username):
    """The one-time set-up link an administrator would send (printed instead of emailed)."""
    output = site.manage("invite_two_factor", username, "--print")
    return site.url + re.search(r"(/admin/two-factor/enrol/\S+/)", output).group(1)


def sign_in_with_password(page, site, url=None):
    page.goto(url or site.url + "/admin/login/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_superuser_sets_up_an_authenticator_and_signs_in_with_its_code(strict_site, page):
    # The set-up link asks for the password first, then opens the set-up page.
    sign_in_with_password(page, strict_site, url=set_up_link(strict_site, "lead"))
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))
    assert page.locator(".accounts-qr svg").is_visible()
    secret = page.locator("[data-secret]").inner_text().strip()

    page.get_by_role("textbox", name="Code").fill(code_from(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.locator(".accounts-recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved my codes, continue").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.context.clear_cookies()  # a new visit: the password alone is not enough
    sign_in_with_password(page, strict_site)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_role("textbox", name="Code").fill(code_from(secret, steps_ahead=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "/admin/login/" not in page.url

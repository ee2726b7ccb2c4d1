"""Staff sign-in in a real browser, with two-factor required as in production."""

import base64
import re

import pytest
from django_otp.oath import totp

from livesite import LiveSite
from tests.browser.axe import assert_no_axe_violations

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


def add_virtual_authenticator(page):
    """Chromium's virtual authenticator (DevTools' WebAuthn domain): a platform passkey
    that unlocks at once, as a fingerprint would. Returns a function listing its passkeys."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return lambda: cdp.send("WebAuthn.getCredentials", {"authenticatorId": added["authenticatorId"]})[
        "credentials"
    ]


def test_intake_staff_set_up_a_passkey_and_sign_in_with_it_to_the_inbox(strict_site, page):
    # Passkeys belong to a host name, never an IP address: the same site at localhost.
    site_url = strict_site.url.replace("127.0.0.1", "localhost")
    strict_site.create_user("intake", PASSWORD, groups=["Intake coordinators"])
    passkeys_in_authenticator = add_virtual_authenticator(page)

    def sign_in(url):
        page.goto(url)
        page.get_by_label("Username").fill("intake")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    sign_in(set_up_link(strict_site, "intake").replace(strict_site.url, site_url))
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))
    # The passkey is offered first; the app stays below it.
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings.index("Use a passkey (recommended)") < headings.index("Or use an authenticator app")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Make a passkey").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.locator(".accounts-recovery-codes li").count() == 10
    assert len(passkeys_in_authenticator()) == 1
    page.get_by_role("link", name="I have saved my codes, continue").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.context.clear_cookies()  # signed out: the password alone is not enough
    sign_in(site_url + "/admin/login/?next=/admin/enquiries/")
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_role("button", name="Use your passkey").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url(re.compile(r"/admin/enquiries/$"))
    page.get_by_role("heading", name="Enquiries").first.wait_for()

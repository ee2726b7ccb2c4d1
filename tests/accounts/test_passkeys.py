"""Passkeys (django-otp-webauthn) beside the authenticator app: offered first at set-up, behind
the same set-up link, usable to verify a sign-in, listed and removable where staff manage their
second factor. The browser ceremony itself is in tests/browser/test_passkeys.py."""

import os
import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential

from accounts import two_factor
from tests.accounts.helpers import give_authenticator, open_set_up_link, verified_login

pytestmark = pytest.mark.django_db
SETUP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"
MANAGE = "/admin/two-factor/"
REGISTER_BEGIN = reverse("otp_webauthn:credential-registration-begin")
AUTH_BEGIN = reverse("otp_webauthn:credential-authentication-begin")


def give_passkey(user):
    """A confirmed passkey row, as a completed registration leaves it (no real key needed here)."""
    return WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        credential_id=os.urandom(32),
        public_key=b"not used in these tests",
        aaguid="00000000-0000-0000-0000-000000000000",
        confirmed=True,
    )


def test_set_up_offers_a_passkey_first_with_scripts_from_this_site(client, two_factor_required, coordinator):
    client.force_login(coordinator)
    open_set_up_link(client, coordinator)
    page = client.get(SETUP).text
    assert page.index("Use a passkey") < page.index("Or use an authenticator app")
    assert 'id="passkey-register-button"' in page and "Make a passkey" in page
    scripts = re.findall(r"<script\b([^>]*)>", page)
    sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs in scripts if "src=" in attrs]
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)


def test_the_first_passkey_of_intake_staff_takes_the_set_up_link(client, two_factor_required, coordinator):
    client.force_login(coordinator)
    refused = client.post(REGISTER_BEGIN)
    assert refused.status_code == 403 and refused.json()["code"] == "setup_link_required"

    open_set_up_link(client, coordinator)
    options = client.post(REGISTER_BEGIN).json()
    assert options["rp"] == {"name": "We Rise Therapy and Wellness", "id": "testserver"}
    assert options["user"]["name"] == "coordinator"


def test_no_passkey_is_added_without_passing_the_existing_second_factor(
    client, two_factor_required, coordinator
):
    give_authenticator(coordinator)
    client.force_login(coordinator)
    assert client.post(REGISTER_BEGIN).status_code == 403


def test_signing_in_offers_the_passkey_beside_the_code(client, two_factor_required, coordinator):
    passkey = give_passkey(coordinator)
    client.force_login(coordinator)
    assert client.get("/admin/").url.startswith(VERIFY)
    page = client.get(VERIFY + "?next=/admin/enquiries/").text
    assert 'id="passkey-verification-button"' in page
    assert 'name="token"' in page and "No passkey at hand? Enter one of your recovery codes." in page
    options = client.post(AUTH_BEGIN).json()  # reachable before the second factor
    allowed = [credential["id"] for credential in options["allowCredentials"]]
    assert len(allowed) == 1 and options["rpId"] == "testserver"
    assert passkey.user == coordinator
    assert client.get("/admin/").status_code == 302  # the passkey options alone verify nothing


def test_recovery_codes_still_sign_in_someone_who_has_only_a_passkey(
    client, two_factor_required, coordinator
):
    give_passkey(coordinator)
    code = two_factor.new_recovery_codes(coordinator)[0]
    client.force_login(coordinator)
    response = client.post(VERIFY, {"token": code, "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_passkeys_are_listed_and_removed_where_staff_manage_their_second_factor(
    client, two_factor_required, coordinator
):
    verified_login(client, coordinator)
    first, second = give_passkey(coordinator), give_passkey(coordinator)
    page = client.get(MANAGE).text
    assert page.count("Remove the passkey added") == 2
    assert "Add a passkey" in page

    client.post(reverse("accounts_passkey_remove", args=[first.pk]))
    assert list(WebAuthnCredential.objects.filter(user=coordinator)) == [second]


def verified_with(client, device):
    """Signs the device's user in with the session verified by `device`, as the passkey
    endpoints leave it after a ceremony."""
    client.force_login(device.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_intake_staff_cannot_remove_their_only_second_factor(client, two_factor_required, coordinator):
    passkey = give_passkey(coordinator)
    verified_with(client, passkey)
    response = client.post(reverse("accounts_passkey_remove", args=[passkey.pk]), follow=True)
    assert "add another passkey or an authenticator app first" in response.text
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_a_first_passkey_shows_new_recovery_codes_once(client, coordinator):
    verified_with(client, give_passkey(coordinator))
    done = client.post(reverse("accounts_passkey_added"), {"next": "/admin/"})
    assert len(re.findall(r"<li><code>(\w+)</code></li>", done.text)) == 10
    again = client.post(reverse("accounts_passkey_added"), {"next": "/admin/"})
    assert again.status_code == 302 and two_factor.remaining_recovery_codes(coordinator) == 10


def test_resetting_two_factor_removes_passkeys_too(coordinator):
    give_passkey(coordinator)
    assert two_factor.reset_devices(coordinator) == 1
    assert not two_factor.has_device(coordinator)


def test_at_an_ip_address_the_page_says_to_use_the_name_instead(client, superuser):
    client.force_login(superuser)
    page = client.get(SETUP, HTTP_HOST="127.0.0.1").text
    assert "Passkeys work only when the address bar shows the site’s name" in page
    assert "passkey-register-button" not in page
    assert "passkey-register-button" in client.get(SETUP, HTTP_HOST="localhost").text

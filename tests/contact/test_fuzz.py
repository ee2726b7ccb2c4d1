"""No input a client can send gives a 500: generated posts to both forms."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.models import Submission
from tests.contact.factories import contact_post_data, intake_post_data

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CONTACT_FIELDS = list(contact_post_data())
INTAKE_FIELDS = list(intake_post_data())

# C0 control characters and DEL, alone or inside ordinary text.
control_text = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=10),
    st.builds(
        lambda before, control, after: before + control + after,
        st.text(max_size=10),
        st.sampled_from([chr(code) for code in range(0x20)] + ["\x7f"]),
        st.text(max_size=10),
    ),
)
# What a spreadsheet would run as a formula (OWASP CSV injection).
formula_text = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(["=", "+", "-", "@", "\t", "\r"]),
    st.one_of(st.text(max_size=30), st.just('HYPERLINK("https://x","open me")'), st.just("1+1")),
)

any_text = st.one_of(
    control_text,
    formula_text,
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.just("\x00"),
    st.builds(lambda s: s + "\x00" + s, st.text(max_size=10)),
    st.builds(lambda n: "x" * n, st.integers(min_value=1000, max_value=200_000)),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.sampled_from(["", " ", "on", "true", "[]", "{}", "null", "%00", "' OR 1=1 --", "<script>", "\ud7ff"]),
)
field_value = st.one_of(any_text, st.lists(any_text, max_size=4))


def post_strategy(fields, base):
    overrides = st.dictionaries(st.sampled_from(fields), field_value, max_size=len(fields))
    removed = st.lists(st.sampled_from(fields), unique=True, max_size=5)
    extra = st.dictionaries(st.text(min_size=1, max_size=20), any_text, max_size=3)
    return st.tuples(overrides, removed, extra).map(lambda parts: _assemble(base, *parts))


def _assemble(base, overrides, removed, extra):
    data = {**base(), **extra, **overrides}
    for name in removed:
        data.pop(name, None)
    data.pop("extra_info", None)  # honeypot posts are answered without validation
    return data


HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(data=post_strategy(CONTACT_FIELDS, contact_post_data))
def test_contact_form_never_fails_with_a_server_error(intake_site, settings, data):
    settings.CONTACT_RATE_LIMIT = 10_000
    response = Client(raise_request_exception=False).post("/contact/", data)
    assert response.status_code in (302, 400, 413), response.status_code


@HYPOTHESIS
@given(data=post_strategy(INTAKE_FIELDS, intake_post_data))
def test_intake_form_never_fails_with_a_server_error(intake_site, settings, data):
    settings.CONTACT_RATE_LIMIT = 10_000
    response = Client(raise_request_exception=False).post("/contact/intake/", data)
    assert response.status_code in (302, 400, 413), response.status_code


@HYPOTHESIS
@given(query=any_text)
def test_intake_page_accepts_any_service_query(intake_site, query):
    assert (
        Client(raise_request_exception=False).get("/contact/intake/", {"service": query}).status_code == 200
    )


def test_huge_and_binary_bodies_are_answered(intake_site, settings):
    settings.CONTACT_RATE_LIMIT = 10_000
    client = Client(raise_request_exception=False)
    huge = intake_post_data(note="n" * 2_000_000, preferred_name="p" * 100_000)
    assert client.post("/contact/intake/", huge).status_code == 413
    response = client.post("/contact/", b"\x00\xff" * 1000, content_type="application/octet-stream")
    assert response.status_code == 400
    response = client.post("/contact/", "{}", content_type="application/json")
    assert response.status_code == 400
    assert Submission.objects.count() == 0


@HYPOTHESIS
@given(name=st.one_of(control_text, formula_text), message=st.one_of(control_text, formula_text))
def test_what_the_forms_accept_exports_safely(intake_site, settings, name, message):
    settings.CONTACT_RATE_LIMIT = 10_000
    client = Client(raise_request_exception=False)
    client.post("/contact/", contact_post_data(preferred_name="Ana " + name, message="Hello " + message))
    for saved in Submission.objects.all():
        assert not any(ord(character) < 0x20 or character == "\x7f" for character in saved.preferred_name)
    admin, _ = get_user_model().objects.get_or_create(username="fuzz-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for export_format in ("csv", "xlsx"):
        response = client.get(reverse("enquiries:index"), {"export": export_format})
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content


# Charsets and oversized file parts -------------------------------------------------------

CHARSETS = ["latin-1", "iso-8859-1", "cp1252", "utf-16", "shift_jis", "koi8-r", "no-such-charset", ""]


@HYPOTHESIS
@given(
    charset=st.sampled_from(CHARSETS),
    body=st.binary(max_size=300),
    path=st.sampled_from(["/contact/", "/contact/intake/"]),
)
def test_any_declared_charset_is_answered_without_a_server_error(intake_site, charset, body, path):
    """Browsers send UTF-8; anything else gets the site's 400 page, whether CSRF is checked or not."""
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    for client in (Client(raise_request_exception=False), Client(enforce_csrf_checks=True)):
        client.raise_request_exception = False
        client.cookies["csrftoken"] = "abcdefghijklmnopqrstuvwxyzABCDEF"
        response = client.generic("POST", path, body, content_type=content_type)
        assert response.status_code in (400, 403), response.status_code
    assert Submission.objects.count() == 0


@HYPOTHESIS
@given(
    size=st.sampled_from([1, 60_000, 70_000, 3 * 1024 * 1024, 12 * 1024 * 1024]),
    name=st.sampled_from(["scan.pdf", "a" * 300 + ".exe", "", "../../etc/passwd"]),
    content_type=st.sampled_from(["application/pdf", "text/plain", "application/octet-stream"]),
)
def test_file_parts_of_any_size_are_never_saved(intake_site, settings, size, name, content_type):
    """The forms take no files: a small part is ignored, a large body refused (413) unread."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CONTACT_RATE_LIMIT = 10_000
    upload = SimpleUploadedFile(name or "blank", b"x" * size, content_type)
    data = {**contact_post_data(), "attachment": upload}
    response = Client(raise_request_exception=False).post("/contact/", data)
    if size > settings.PUBLIC_MAX_BODY_BYTES:
        assert response.status_code == 413
    else:
        assert response.status_code in (302, 400), response.status_code
    assert "attachment" not in str(list(Submission.objects.values()))

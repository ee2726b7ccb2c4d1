"""Launch-proud in three languages (issue 20): the English fallback's note laid out with the page,
one reply promise in every language, the practice's own words per language, and clinicians who
speak the visitor's language first."""

import re

import pytest

from practice.models import PracticeSettings
from tests.factories import ServicePageFactory
from tests.practice import test_i18n

pytestmark = pytest.mark.django_db

# test_i18n's fixtures: the shipped catalogues compiled, and a site with Korean pages.
compiled_messages = test_i18n.compiled_messages
korean = test_i18n.korean


def test_the_fallback_note_sits_in_the_page_container_before_the_content(client, korean, compiled_messages):
    """The note lines up with the content below it (the same .container, padded off the screen's
    edges) and is read in the visitor's language inside the English <main>."""
    ServicePageFactory(parent=korean.services, title="Anxiety therapy", slug="anxiety")
    html = client.get("/ko/services/anxiety/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert re.match(
        r'<main id="main" tabindex="-1" lang="en">\s*<div class="container translation-note-wrap">\s*'
        r'<p class="translation-note" role="note" lang="ko">[^<]+</p>\s*</div>',
        main,
    ), main[:400]
    assert main.index("translation-note") < main.index("Anxiety therapy")


@pytest.mark.parametrize(
    ("path", "promise", "not_said"),
    [
        ("/contact/", "within two business days", "48 hours"),
        ("/ko/contact/", "영업일 기준 2일 이내에", "48시간"),
        ("/hi/contact/", "दो कामकाजी दिनों के अंदर", "48 घंटे"),
        ("/ko/contact/intake/", "영업일 기준 2일 이내에", "48시간"),
        ("/hi/contact/thanks/?sent=consultation", "दो कामकाजी दिनों के अंदर", "48 घंटे"),
    ],
)
def test_the_reply_promise_is_the_same_in_every_language(
    client, site_tree, compiled_messages, path, promise, not_said
):
    html = client.get(path).content.decode()
    assert promise in html
    assert not_said not in html


def test_an_own_english_promise_without_a_translation_is_said_in_hours_in_korean(
    client, site_tree, compiled_messages
):
    """Staff's own English words cannot stand inside a Korean sentence: without Korean words for
    them, the promise is given as its hours."""
    practice = PracticeSettings.load()
    practice.response_time_text = "by the end of the next business day"
    practice.response_time_hours = 24
    practice.save()
    html = client.get("/ko/contact/").content.decode()
    assert "24시간 이내에" in html
    assert "by the end of the next business day" not in html
    assert "by the end of the next business day" in client.get("/contact/").content.decode()

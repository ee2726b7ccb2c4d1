"""On /ko/ and /hi/, a visitor reads no English in the site's own words: the chrome (header,
menus, footer, quick exit), the home, services and fees pages and both forms, with everything a
script adds and the consultation request's "Help us prepare" opened. English is allowed only
where the page marks it (`lang="en"`: names of people, places and services, a key's label, an
untranslated page), in the practice's, clinicians' and insurers' names, which are not
translated, in acronyms (NJ, BIPOC) and in email addresses."""

import json
import re

import pytest

pytestmark = pytest.mark.browser

ACRONYM = re.compile(r"[A-Z]{2,}")
PATHS = ["/", "/services/", "/fees-and-insurance/", "/contact/", "/contact/intake/"]

# Names shown as they are in every language, read from the demo site.
NAMES = """
import json
from practice.models import ClinicianPage, InsuranceCarrier, PracticeSettings, ServicePage
names = [PracticeSettings.load().practice_name]
names += list(ClinicianPage.objects.values_list("title", flat=True))
names += list(ClinicianPage.objects.values_list("credentials", flat=True))
names += list(InsuranceCarrier.objects.values_list("name", flat=True))
print(json.dumps(names))
"""

# Every visible word in Latin letters outside an element marked English, with where it is.
ENGLISH_WORDS = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const visible = (element) => element.checkVisibility({visibilityProperty: true});
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest('script, style, [lang^="en"], .visually-hidden, a[href^="mailto:"]') || !visible(element)) continue;
        for (const word of node.textContent.match(/[A-Za-z][A-Za-z'’-]+/g) || []) {
            found.push([word, element.tagName + '.' + element.className]);
        }
    }
    for (const field of document.querySelectorAll('[placeholder]')) {
        if (!field.closest('[lang^="en"]') && visible(field)) {
            for (const word of field.placeholder.match(/[A-Za-z][A-Za-z'’-]+/g) || []) found.push([word, 'placeholder']);
        }
    }
    return found;
}"""


@pytest.fixture(scope="module")
def name_words(live_site):
    names = json.loads(live_site.shell(NAMES).strip().splitlines()[-1])
    return {word for name in names for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", name)}


@pytest.mark.parametrize("language", ["ko", "hi"])
@pytest.mark.parametrize("path", PATHS)
def test_no_english_word_outside_names_and_marked_english(live_site, page, name_words, language, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_site.url}/{language}{path}")
    for details in page.locator("main details").all():
        details.evaluate("element => { element.open = true; }")
    channel = page.locator('input[name="preferred_channel"]')
    if channel.count():
        channel.first.check()  # shows the fields and consents that follow the choice
    english = [
        (word, where)
        for word, where in page.evaluate(ENGLISH_WORDS)
        if word not in name_words and not ACRONYM.fullmatch(word)
    ]
    assert english == [], " ".join(sorted({f"{word}@{where}" for word, where in english}))

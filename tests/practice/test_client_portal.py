"""The "Client portal" link for existing clients: a practice setting, in the footer links when set,
marked as leaving the site, and gone when the setting is empty."""

import re

import pytest

from practice.models import PracticeSettings

PORTAL = "https://portal.example.org/werise"


def footer_links(client):
    html = client.get("/").content.decode()
    return html.split('<nav aria-label="Footer">', 1)[1].split("</nav>", 1)[0]


def set_portal(url, label="Client portal"):
    practice = PracticeSettings.load()
    practice.client_portal_url = url
    practice.client_portal_label = label
    practice.save()


@pytest.mark.django_db
def test_the_portal_link_is_in_the_footer_and_says_it_leaves_the_site(site_tree, client):
    set_portal(PORTAL, "Client portal")
    footer = footer_links(client)
    assert f'href="{PORTAL}"' in footer
    link = footer.split(f'href="{PORTAL}"', 1)[0].rsplit("<a", 1)[1] + footer.split(f'href="{PORTAL}"', 1)[1]
    assert 'rel="noopener"' in link
    text = link.split("</a>", 1)[0]
    # Its accessible name is the label alone; that it opens another website is its description.
    name = re.sub(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>|<[^>]*>', "", text.split(">", 1)[1])
    assert name.strip() == "Client portal"
    note = re.search(r'aria-describedby="([^"]+)"', text).group(1)
    assert re.search(rf'id="{note}"[^>]*>Opens another website<', footer)


@pytest.mark.django_db
def test_the_label_is_the_practices_own(site_tree, client):
    set_portal(PORTAL, "Existing clients: sign in")
    assert "Existing clients: sign in" in footer_links(client)


@pytest.mark.django_db
def test_no_portal_link_when_the_setting_is_empty(site_tree, client):
    set_portal("")
    footer = footer_links(client)
    assert "portal" not in footer.lower()


@pytest.mark.django_db
def test_clearing_the_setting_removes_the_link_on_the_next_request(site_tree, client):
    set_portal(PORTAL)
    assert PORTAL in footer_links(client)  # now in the page cache
    set_portal("")
    assert PORTAL not in footer_links(client)

"""The rate limit counts only what was accepted: a post with mistakes takes no slot."""

import pytest

from contact.models import Submission
from tests.contact.factories import contact_post_data

pytestmark = pytest.mark.django_db


def test_posts_with_mistakes_do_not_use_up_the_limit(client, site_tree, settings):
    settings.CONTACT_RATE_LIMIT = 2
    for _ in range(3):
        assert client.post("/contact/", contact_post_data(email="not-an-address")).status_code == 400
    statuses = [client.post("/contact/", contact_post_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Submission.objects.count() == 2

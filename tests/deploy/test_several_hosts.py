"""Two app hosts, as README's "Running on several machines" describes: the live site's own
gunicorn (host A) and a second gunicorn with the same environment on another port (host B),
each with its own `task_worker`, sharing the run's database (one SQLite file, or one PostgreSQL
database when DATABASE_URL points at a server), one Redis, one mail server and one media
bucket (moto's S3 server).

A publish shows on B within a second although B had the page cached, both hosts' menus agree,
the contact rate limit counts across hosts, a request sent through B is notified exactly once
whichever worker claims it, and an image stored from A's side loads from the bucket on B's page.
"""

import html as htmllib
import mimetypes
import re
import time
import urllib.request
from collections import Counter

import pytest
import redis

from livesite import FormClient, LiveSite, MailServer, intake_answers, redis_url
from tests.practice.s3 import PUBLIC_MEDIA_PREFIXES, S3Server, fetch

pytestmark = pytest.mark.slow

# A Redis database of this test's own, emptied first: other tests use database 0.
REDIS_URL = redis_url(11)  # 11, 12, …: one database per xdist worker
ARTICLE = "/blog/healing-from-trust-issues/"
STAFF = "intake@example.org"
RATE_LIMIT = 3
RATE_LIMITED = "We have received several requests from your connection in the last few minutes"


class Hosts:
    def __init__(self, site, mail, s3, bucket):
        self.site, self.mail, self.s3, self.bucket = site, mail, s3, bucket
        self.a = site.url
        self.b = site.extra_hosts[0]


def copy_media_to_bucket(site, s3, bucket):
    """What an operator does once on moving media to a bucket (`aws s3 sync media/ s3://…`): the
    demo's images, which the site got on its disk with the database template, go to the bucket."""
    client = s3.client()
    media = site.tmp / "media"
    for path in media.rglob("*"):
        if path.is_file():
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            key = path.relative_to(media).as_posix()
            client.upload_file(str(path), bucket, key, ExtraArgs={"ContentType": content_type})


@pytest.fixture(scope="module")
def hosts():
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not answering at {REDIS_URL}: `.ci/run` starts one (Debian's redis-server)")
    mail = MailServer().start()
    s3 = S3Server().start()
    bucket = s3.create_bucket("shared-media", public_prefixes=PUBLIC_MEDIA_PREFIXES)
    site = LiveSite(
        env={
            **s3.environ(bucket),
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": mail.url,
            "CONTACT_RATE_LIMIT": str(RATE_LIMIT),
            "CONTACT_MIN_FILL_SECONDS": "0",
            # Behind the load balancer: the client is the address it forwards, on every host.
            "TRUSTED_PROXY_COUNT": "1",
        },
        worker=True,
    )
    try:
        site.start()
        copy_media_to_bucket(site, s3, bucket)
        site.shell(
            "from contact.models import ContactSettings\n"
            "s = ContactSettings.load()\n"
            f"s.notification_recipients = {STAFF!r}\n"
            "s.save()\n"
        )
        site.start_extra_host(worker=True)
        yield Hosts(site, mail, s3, bucket)
    finally:
        site.stop()
        s3.stop()
        mail.stop()


def get(url):
    """(X-Cache, body) of an anonymous GET."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local
        return response.headers.get("X-Cache"), response.read().decode()


def cached(url):
    """The page at `url` once it is in the page cache (its second visit is a hit)."""
    get(url)
    state, html = get(url)
    assert state == "HIT", url
    return html


def title(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def main_menu(html):
    """(label, url) of each link of the header's main menu."""
    menu = re.search(r'<ul class="main-nav__list main-nav__list--wide">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', menu)


def within_a_second(url, check):
    """The page at `url` once `check(html)` holds, polled for at most one second."""
    deadline = time.monotonic() + 1.0
    while True:
        html = get(url)[1]
        if check(html) or time.monotonic() > deadline:
            return html
        time.sleep(0.05)


def visitor(base_url, address):
    """A visitor whose requests the load balancer forwards for `address`."""
    client = FormClient(base_url)
    client.opener.addheaders.append(("X-Forwarded-For", address))
    return client


def send_request(client):
    """Posts a consultation request; (status, body)."""
    hidden = client.form_fields("/contact/intake/")
    status, body, _ = client.post("/contact/intake/", {**hidden, **intake_answers()})
    return status, body


def newest_submission(site):
    [(number,)] = site.query("SELECT MAX(id) FROM contact_submission")
    return number


def test_a_publish_through_host_a_shows_on_host_b_within_a_second(hosts):
    before = cached(hosts.b + ARTICLE)
    assert title(before) == "Healing From Trust Issues in Personal Relationships"
    cached(hosts.a + ARTICLE)

    hosts.site.shell(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='healing-from-trust-issues')\n"
        "page.title = 'Healing from trust issues, on every host'\n"
        "page.save_revision().publish()\n"
    )
    for host in (hosts.b, hosts.a):
        html = within_a_second(host + ARTICLE, lambda html: "on every host" in title(html))
        assert title(html) == "Healing from trust issues, on every host", host
    assert get(hosts.b + ARTICLE)[0] == "HIT"  # and cached again


def test_both_hosts_menus_show_a_renamed_page(hosts):
    for host in (hosts.a, hosts.b):
        assert ("/about/", "About") in main_menu(cached(host + "/"))

    hosts.site.shell(
        "from wagtail.models import Page\n"
        "from practice.models import NavigationSettings\n"
        "page = Page.objects.get(slug='about').specific\n"
        "page.title, page.slug = 'About the practice', 'about-the-practice'\n"
        "page.save_revision().publish()\n"
        "nav = NavigationSettings.load()\n"
        "nav.main_menu = [\n"
        "    ('link', {**link.value, 'label': page.title}) if link.value['page'] and"
        " link.value['page'].pk == page.pk else ('link', link.value)\n"
        "    for link in nav.main_menu\n"
        "]\n"
        "nav.save()\n"
    )
    renamed = ("/about-the-practice/", "About the practice")
    for host in (hosts.a, hosts.b):
        html = within_a_second(host + "/", lambda html: renamed in main_menu(html))
        assert renamed in main_menu(html), host
        assert ("/about/", "About") not in main_menu(html)


def test_the_rate_limit_counts_requests_on_both_hosts(hosts):
    address = "203.0.113.7"
    for host in (hosts.a, hosts.b, hosts.a):
        status, body = send_request(visitor(host, address))
        assert status == 302, body[:2000]
    for host in (hosts.b, hosts.a):
        status, body = send_request(visitor(host, address))
        assert status == 429, host
        assert RATE_LIMITED in body
    # Another visitor is not held back by the first one's requests.
    assert send_request(visitor(hosts.b, "203.0.113.99"))[0] == 302


def test_requests_through_host_b_are_notified_exactly_once_with_two_workers(hosts):
    for name in ("worker", "host2-worker"):
        assert hosts.site.process(name).poll() is None, f"{name} is not running"
    numbers = []
    for _ in range(3):
        status, body = send_request(visitor(hosts.b, "203.0.113.8"))
        assert status == 302, body[:2000]
        numbers.append(newest_submission(hosts.site))
    subjects = {f"New consultation request #{number}" for number in numbers}
    for subject in subjects:
        hosts.mail.inbox.wait_for(
            lambda m, subject=subject: STAFF in m["to"] and m["message"]["Subject"] == subject,
            timeout=30,
            what=subject,
        )
    time.sleep(3)  # room for a second worker's duplicate, if claims let one through
    received = Counter(s for s in hosts.mail.inbox.subjects() if s in subjects)
    assert received == dict.fromkeys(subjects, 1)
    states = hosts.site.query(
        "SELECT notification_state, notification_attempts FROM contact_submission WHERE id IN (?, ?, ?)",
        tuple(numbers),
    )
    assert states == [("sent", 1)] * 3
    for name in ("worker", "host2-worker", "server", "host2"):
        assert "Traceback" not in hosts.site.log(name), name


def image_urls(html):
    """Every URL in the page's <img src> and <source srcset>."""
    urls = []
    for attr, value in re.findall(r'\b(src|srcset)="([^"]+)"', html):
        candidates = value.split(",") if attr == "srcset" else [value]
        urls += [htmllib.unescape(candidate.strip().split(" ")[0]) for candidate in candidates]
    return urls


def test_an_image_stored_from_host_a_loads_from_the_bucket_on_host_b(hosts):
    hosts.site.shell(
        "import io\n"
        "from django.core.files.images import ImageFile\n"
        "from PIL import Image as PILImage\n"
        "from wagtail.images import get_image_model\n"
        "from blog.models import ArticlePage\n"
        "buffer = io.BytesIO()\n"
        "PILImage.new('RGB', (1400, 900), (90, 140, 200)).save(buffer, 'JPEG')\n"
        "image = get_image_model().objects.create(\n"
        "    title='Shared bucket', description='A calm blue field.',\n"
        "    file=ImageFile(buffer, name='shared-bucket.jpg'),\n"
        ")\n"
        "page = ArticlePage.objects.get(slug='healing-from-trust-issues')\n"
        "page.hero_image = image\n"
        "page.save_revision().publish()\n"
    )
    assert any(key.startswith("original_images/shared-bucket") for key in hosts.s3.keys(hosts.bucket))

    bucket_url = f"{hosts.s3.endpoint_url}/{hosts.bucket}/"
    on_b = [url for url in image_urls(get(hosts.b + ARTICLE)[1]) if "shared-bucket" in url]
    assert on_b, "host B's page does not show the new image"
    for url in on_b:
        assert url.startswith(bucket_url + "images/"), url
        status, content_type, body = fetch(url)
        assert (status, content_type.split("/")[0]) == (200, "image"), url
        assert body
    # The renditions host B made are in the shared bucket and database: host A shows the same.
    assert [url for url in image_urls(get(hosts.a + ARTICLE)[1]) if "shared-bucket" in url] == on_b
    # The demo's own images, moved to the bucket, load there too.
    home_media = [url for url in image_urls(get(hosts.b + "/")[1]) if not url.startswith("/static/")]
    assert home_media
    for url in home_media:
        assert url.startswith(bucket_url) and fetch(url)[0] == 200, url

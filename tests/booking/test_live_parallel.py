"""50 people send the consultation request for the same time at once, to the running site
(gunicorn, two processes with threads) on the database this run uses (CI: SQLite and
PostgreSQL): exactly one is booked; the other 49 get their form back, answers kept, with "That
time was just taken" and the nearest free times. And a move of a booked call, posted many times
at once from its link (a double click, an impatient reload), leaves one call at the new time."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from livesite import FormClient, LiveSite, intake_answers
from tests.booking.conftest import BOOK_A_CALL

pytestmark = pytest.mark.slow

PEOPLE = 50
TIME_VALUE = re.compile(r'name="consultation_time" value="(\d{8}T\d{4}Z)"')


def test_50_parallel_requests_for_one_time_book_it_once_and_keep_everyone_elses_answers():
    env = {"CONTACT_RATE_LIMIT": "100000", "CONTACT_MIN_FILL_SECONDS": "0"}
    with LiveSite(env=env, workers=2, threads=8) as site:
        clients = [FormClient(site.url) for _ in range(PEOPLE)]
        hidden = [client.form_fields("/contact/intake/") for client in clients]
        chosen = TIME_VALUE.search(clients[0].get("/contact/intake/")[1]).group(1)
        # Counted, not looked up by name: enquiry answers are encrypted in the database.
        before = site.query("SELECT COUNT(*) FROM contact_submission WHERE kind = 'consultation'")[0][0]

        def send(index):
            answers = intake_answers(preferred_name=f"Parallel person {index}", consultation_time=chosen)
            status, body, _ = clients[index].post("/contact/intake/", {**hidden[index], **answers})
            kept = f'value="Parallel person {index}"' in body
            return status, "That time was just taken" in body and kept, chosen in TIME_VALUE.findall(body)

        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(send, range(PEOPLE)))
        booked = site.query(
            "SELECT COUNT(*) FROM booking_booking b JOIN contact_submission s ON s.id = b.submission_id"
            " WHERE b.status = 'live'"
        )
        requests = site.query("SELECT COUNT(*) FROM contact_submission WHERE kind = 'consultation'")

    assert sorted(status for status, _, _ in results) == [302] + [409] * (PEOPLE - 1)
    assert all(told_and_kept for status, told_and_kept, _ in results if status == 409)
    assert not any(offered_again for status, _, offered_again in results if status == 409)
    assert booked == [(1,)] and requests == [(before + 1,)]


CLICKS = 8
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_move_posted_many_times_at_once_leaves_one_call_at_the_new_time_and_lands_every_post_on_it():
    with LiveSite(demo=False, workers=2, threads=8) as site:
        path = site.shell(BOOK_A_CALL).strip().splitlines()[-1]
        clients = [FormClient(site.url) for _ in range(CLICKS)]
        pages = [client.get(path)[1] for client in clients]
        chosen = TIME_VALUE.search(pages[0]).group(1)

        def click(index):
            fields = {"csrfmiddlewaretoken": CSRF_TOKEN.search(pages[index]).group(1)}
            status, _, location = clients[index].post(
                path, {**fields, "action": "move", "consultation_time": chosen}
            )
            return status, location

        with ThreadPoolExecutor(CLICKS) as pool:
            results = list(pool.map(click, range(CLICKS)))
        shown = clients[0].get(path)[1]
        rows = site.query("SELECT status FROM booking_booking ORDER BY status")

    assert results == [(302, f"{path}?moved=1")] * CLICKS
    assert rows == [("live",), ("moved",)]
    assert chosen not in TIME_VALUE.findall(shown)  # the new time is the call's, no longer offered

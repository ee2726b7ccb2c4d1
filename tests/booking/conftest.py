"""Hosts with weekly hours, on a page tree with clinicians, for the booking's tests."""

import time as clock
from datetime import UTC, datetime, time

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import OperationalError, connection

from booking.models import ConsultationHost, WeeklyWindow
from tests.factories import ClinicianPageFactory

# Code for `LiveSite.shell` (a site without the demo content too): books a call for a new
# enquiry with a new host who takes calls every day, and prints the path of its link.
BOOK_A_CALL = """
from datetime import time
from django.contrib.auth import get_user_model
from booking.links import manage_path
from booking.models import ConsultationHost, WeeklyWindow
from booking.services import book, free_times
from contact.models import ConsultationRequest
host = ConsultationHost.objects.create(user=get_user_model().objects.create_user("call-host"))
for weekday in range(7):
    WeeklyWindow.objects.create(host=host, weekday=weekday, starts_at=time(9), ends_at=time(17))
enquiry = ConsultationRequest.objects.create(preferred_name="Call Person", email="call@example.org")
print(manage_path(book(host=host, start=free_times([host])[0].start, submission=enquiry)))
"""

# A Monday in January 2027, 09:00 New York time: Tuesday's hours are past the 24 hours' notice.
MONDAY = datetime(2027, 1, 11, 14, tzinfo=UTC)


def host_with_hours(**owner_and_rules):
    """A host taking calls Tuesdays 12:00 to 13:00 (Eastern Time), 15 minutes each."""
    host = ConsultationHost.objects.create(**owner_and_rules)
    WeeklyWindow.objects.create(host=host, weekday=1, starts_at=time(12), ends_at=time(13))
    return host


@pytest.fixture
def clinician(site_tree):
    return ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim")


@pytest.fixture
def clinician_host(clinician):
    return host_with_hours(clinician=clinician)


def waiting_for_the_lock(action):
    """`action()`, for threads writing at once on their own connections. The suite's SQLite test
    database lives in shared-cache memory, where a writer waiting for another is told "locked" at
    once; on a file (WAL, busy_timeout) and on PostgreSQL it waits. Wait here the same way."""
    while True:
        try:
            return action()
        except OperationalError as error:
            if not (connection.vendor == "sqlite" and "is locked" in str(error)):
                raise
            clock.sleep(0.005)


@pytest.fixture
def coordinator(django_user_model):
    """A member of the "Intake coordinators" group, who keeps the hours and the agenda."""
    user = django_user_model.objects.create_user("coordinator", password="pw", first_name="Dana")
    user.groups.add(Group.objects.get(name="Intake coordinators"))
    return user


@pytest.fixture
def editor(django_user_model):
    """An editor outside the intake group: may use the admin, sees no booking."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user

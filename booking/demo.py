"""Demo consultation hosts (`load_demo_content`): the intake coordinator and three clinicians
with weekly hours, so a fresh site offers free times. Nia Okafor's caseload is full in the demo,
so her hours offer nothing until she accepts new clients again. Safe to run again: a host that
exists is left as staff set it."""

from datetime import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from booking.models import ConsultationHost, WeeklyWindow
from practice.models import ClinicianPage

COORDINATOR = "intake.coordinator"
INTAKE_GROUP = "Intake coordinators"
MON, TUE, WED, THU, FRI, SAT = range(6)

# Hours in the practice's zone: (weekday, from, until).
HOURS = {
    COORDINATOR: [(day, time(10), time(12)) for day in (MON, TUE, WED, THU, FRI)]
    + [(day, time(14), time(16)) for day in (MON, WED, FRI)],
    "grace-kim": [(TUE, time(12), time(15)), (THU, time(12), time(15)), (SAT, time(10), time(12))],
    "anjali-mehta": [(MON, time(17), time(19)), (WED, time(17), time(19))],
    "nia-okafor": [(WED, time(9), time(11))],
}


def coordinator():
    """The demo's intake coordinator: no password (an administrator sets one to sign in)."""
    user, created = get_user_model().objects.get_or_create(
        username=COORDINATOR, defaults={"first_name": "Intake", "last_name": "Coordinator"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        group = Group.objects.filter(name=INTAKE_GROUP).first()
        if group:
            user.groups.add(group)
    return user


def load(**options):
    made = 0
    for key, hours in HOURS.items():
        if key == COORDINATOR:
            owner = {"user": coordinator()}
        else:
            clinician = ClinicianPage.objects.filter(slug=key, locale=Locale.get_default()).first()
            if clinician is None:
                continue
            owner = {"clinician": clinician}
        host, created = ConsultationHost.objects.get_or_create(**owner)
        if created:
            for weekday, starts_at, ends_at in hours:
                WeeklyWindow.objects.create(host=host, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
            made += 1
    return f"Consultation hosts: {made} with weekly hours." if made else ""

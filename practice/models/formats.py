"""Session formats shared by services and clinicians."""

from django.db import models
from django.utils.translation import gettext


class FormatsMixin(models.Model):
    offers_in_person = models.BooleanField(
        default=True, verbose_name="In person", help_text="Sessions in the practice's office."
    )
    offers_telehealth = models.BooleanField(
        default=True, verbose_name="Telehealth", help_text="Secure video sessions."
    )

    class Meta:
        abstract = True

    @property
    def formats(self):
        return [
            label
            for label, offered in (
                (gettext("In person"), self.offers_in_person),
                (gettext("Telehealth"), self.offers_telehealth),
            )
            if offered
        ]

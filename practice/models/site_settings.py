"""Site-wide details staff edit in Settings: the practice's facts, navigation and footer."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext, gettext_noop, ngettext
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from practice.blocks import LinkBlock
from practice.models.practice_wording import wording_in
from siteplatform.i18n import in_default_language

# The shipped reply promise, translated for each visitor until staff write their own (marked
# here, translated where it is shown: the field's default stays this English text).
RESPONSE_TIME_DEFAULT = gettext_noop("within two business days")
PORTAL_LABEL_DEFAULT = gettext_noop("Client portal")

# The crisis notice is not a setting: templates/components/crisis_notice.html keeps its copy and
# numbers fixed, so every number stays a link and no edit can drop 988 or the NJ Hopeline.


@register_setting(icon="home")
class PracticeSettings(ClusterableModel, BaseGenericSetting):
    practice_name = models.CharField(max_length=120, default="We Rise Therapy and Wellness")
    tagline = models.CharField(max_length=160, blank=True, help_text="A short line shown under the name.")
    phone = models.CharField(max_length=30, blank=True, help_text="As clients should dial it.")
    email = models.EmailField(blank=True, help_text="The public address for general questions.")
    address = models.TextField(
        blank=True, help_text="Office address. Leave empty if you are telehealth only."
    )
    telehealth_only = models.BooleanField(
        default=False, help_text="Show “Telehealth only” instead of an address."
    )
    hours = models.TextField(blank=True, help_text="Office hours, one line per day range.")
    response_time_hours = models.PositiveSmallIntegerField(
        default=48,
        help_text="How soon staff promise to reply, in hours. Requests older than this are flagged in the admin.",
    )
    response_time_text = models.CharField(
        max_length=120,
        default=RESPONSE_TIME_DEFAULT,
        help_text="The same promise in words, shown to visitors: “We will reply …”.",
    )
    quick_exit_url = models.URLField(
        default=settings.QUICK_EXIT_DEFAULT_URL,
        verbose_name="Quick exit address",
        help_text=(
            "Where “Exit this page” sends visitors who must leave the site quickly: a neutral site "
            "such as weather or news. It replaces our page in the browser history."
        ),
    )
    browsing_safely_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page explaining private browsing and the quick exit. Linked from the footer and the forms.",
    )
    client_portal_url = models.URLField(
        blank=True,
        verbose_name="Client portal address",
        help_text=(
            "Where existing clients sign in to book, pay or see their records (your practice "
            "management system). Leave empty to show no portal link."
        ),
    )
    client_portal_label = models.CharField(
        max_length=60,
        default=PORTAL_LABEL_DEFAULT,
        verbose_name="Client portal link text",
        help_text="The words of the footer link, for example “Client portal” or “Existing clients: sign in”.",
    )
    instagram_url = models.URLField(blank=True)
    facebook_url = models.URLField(blank=True)
    linkedin_url = models.URLField(blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("practice_name"), FieldPanel("tagline")], heading="Practice"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("telehealth_only"),
                FieldPanel("hours"),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [FieldPanel("response_time_hours"), FieldPanel("response_time_text")], heading="Response time"
        ),
        InlinePanel(
            "wordings",
            heading="In other languages",
            label="Language",
            help_text="The tagline, address, hours and reply promise in each other language of the "
            "site. A field left empty shows the English one.",
        ),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), PageChooserPanel("browsing_safely_page")], heading="Quick exit"
        ),
        MultiFieldPanel(
            [FieldPanel("client_portal_url"), FieldPanel("client_portal_label")],
            heading="Client portal",
        ),
        MultiFieldPanel(
            [FieldPanel("instagram_url"), FieldPanel("facebook_url"), FieldPanel("linkedin_url")],
            heading="Social links",
        ),
    ]

    class Meta:
        verbose_name = "Practice details"

    @property
    def wording(self):
        """{"tagline", "address", "hours", "response_time_text": Words} in the active language:
        staff's words in it where written ("In other languages"), else the English ones; each
        knows its language (`.lang_attr`). Kept per language on this instance, which Wagtail
        keeps for the request."""
        language = settings.LANGUAGE_CODE if in_default_language() else get_language()
        kept = self.__dict__.setdefault("_wording", {})
        if language not in kept:
            kept[language] = wording_in(self, language)
        return kept[language]

    @property
    def response_time_display(self):
        """The reply promise, to fit "We reply …", the same promise in every language: staff's
        own words in the active language; else the shipped default translated; staff's own words
        in English; in another language, which their English words cannot stand inside, a
        translated "within N hours"."""
        own = self.wording["response_time_text"]
        if own and own.language != settings.LANGUAGE_CODE:
            return str(own)
        if self.response_time_text == RESPONSE_TIME_DEFAULT:
            return gettext(RESPONSE_TIME_DEFAULT)
        if in_default_language():
            return self.response_time_text
        hours = self.response_time_hours
        return ngettext("within %(hours)s hour", "within %(hours)s hours", hours) % {"hours": hours}

    @property
    def own_portal_label(self):
        """The portal link's words as staff wrote them (English, shown as written in every
        language); empty while they are the shipped default, which the footer translates."""
        if self.client_portal_label in ("", PORTAL_LABEL_DEFAULT):
            return ""
        return self.client_portal_label

    @property
    def phone_uri(self):
        """The phone number as a tel: link target: digits and a leading + only."""
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("Instagram", self.instagram_url),
                ("Facebook", self.facebook_url),
                ("LinkedIn", self.linkedin_url),
            )
            if url
        ]


@register_setting(icon="list-ul")
class NavigationSettings(BaseGenericSetting):
    main_menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links in the header, in order. Keep it to six or fewer.",
    )
    footer_menu = StreamField([("link", LinkBlock())], blank=True, help_text="Extra links in the footer.")
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The Notice of Privacy Practices (HIPAA). Linked from the footer and the forms.",
    )
    good_faith_estimate_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The Good Faith Estimate notice (No Surprises Act). Linked from the footer and the forms.",
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The website privacy policy.",
    )

    panels = [
        FieldPanel("main_menu"),
        FieldPanel("footer_menu"),
        MultiFieldPanel(
            [
                PageChooserPanel("privacy_notice_page"),
                PageChooserPanel("good_faith_estimate_page"),
                PageChooserPanel("privacy_policy_page"),
            ],
            heading="Legal notices",
        ),
    ]

    class Meta:
        verbose_name = "Navigation and footer"

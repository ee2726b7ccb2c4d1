"""The clinicians of the practice and the team page that lists them (with the clinician finder)."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, Min, OuterRef, Q, Value
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import PageManager
from wagtail.search import index
from wagtail.signals import page_published

from practice.blocks import RICH_TEXT_FEATURES
from practice.images import CLINICIAN_CARD_SPEC, DescribedImagesMixin
from practice.intake import consultation_clinicians, intake_url
from practice.models.base import BasePage
from practice.models.finder import Finder
from practice.models.formats import FormatsMixin
from practice.models.payment import payment_facts
from practice.models.renditions import renditions_prefetch
from practice.models.site_settings import PracticeSettings
from practice.models.taxonomy import CLIENT_GROUPS, FORMATS, PAYMENT_OPTIONS, Language
from practice.models.translation_review import language_name
from practice.query import VisiblePageQuerySet
from practice.structured_data import clinician_person
from siteplatform.page_cache import cached_fragment

CARD_SPECIALTIES = 3  # how many specialties a clinician's card names


def _fee_from(fee):
    return gettext("From $%(fee)s per session") % {"fee": f"{fee:,}"}


# Lazy: a clinician's profile is cached once for every language (see ClinicianPage.get_context).
_fee_from_lazy = lazy(_fee_from, str)


def fee_from_label(fee):
    """ "From $180 per session" in the visitor's language, or "" without a fee."""
    return _fee_from_lazy(fee) if fee is not None else ""


def speaks(language_code):
    """Whether a clinician holds sessions in the site language `language_code`: her Language
    term named as Django names the language in English ("ko": "Korean"), in any case. The one
    rule the Korean and Hindi pages' order and the enquiry page's suggestions follow."""
    term = Language.objects.filter(name__iexact=language_name(language_code), clinicians=OuterRef("pk"))
    return Exists(term)


class ClinicianPageQuerySet(VisiblePageQuerySet):
    def with_cards(self):
        """What a clinician card shows (the photo in the card's sizes), in a fixed number of queries."""
        return (
            self.select_related("photo")
            .prefetch_related(renditions_prefetch("photo", CLINICIAN_CARD_SPEC))
            .order_by("path")
        )

    def with_card_terms(self):
        """Cards that also show languages and top specialties, still in a fixed number of queries."""
        return self.with_cards().prefetch_related("languages", "specialties")

    def with_profile(self):
        """Cards plus the structured data the finder explains matches with, in fixed queries."""
        return self.with_cards().prefetch_related(
            "languages", "specialties", "approaches", "insurance_carriers"
        )

    def payment_facts(self, request=None):
        """What these clinicians offer in payment (practice.models.payment.PaymentFacts): who
        offers a sliding scale, which carriers they take; two queries, however many they are."""
        people = self.select_related(None).order_by("path").prefetch_related("insurance_carriers")
        return payment_facts(people, request)

    def speaking(self, language_code):
        """Those who hold sessions in the site language `language_code` ("ko"), in the team
        page's order."""
        return self.filter(speaks(language_code)).order_by("path")

    def with_booking_links(self):
        """Marks `books_calls` on those whose free call can be booked online (the booking app's
        rule), inside this query: no query more, however many cards."""
        bookable = consultation_clinicians()
        if bookable is None:
            return self.annotate(books_calls=Value(False))
        return self.annotate(books_calls=ExpressionWrapper(Q(pk__in=bookable), output_field=BooleanField()))

    def accepting_new_clients(self):
        return self.visible().filter(accepting_new_clients=True).order_by("path")

    def speakers_first(self, language_code):
        """For a visitor reading `language_code` (another site language than English): the
        clinicians who hold sessions in it first, each marked `speaks_visitor_language`, then the
        others, each group in the tree's order."""
        if not language_code or language_code == settings.LANGUAGE_CODE:
            return self
        return self.annotate(speaks_visitor_language=speaks(language_code)).order_by(
            "-speaks_visitor_language", "path"
        )

    def matching(
        self,
        *,
        language=None,
        specialty=None,
        approach=None,
        who=None,
        format=None,  # noqa: A002 - the finder's own word
        payment=None,
        service=None,
        accepting=False,
    ):
        """Clinicians matching every criterion given (AND across dimensions); None means any.

        Values are the finder's: term slugs, a key of CLIENT_GROUPS or FORMATS, a carrier slug or
        a key of PAYMENT_OPTIONS, a service page slug. An unknown value matches nobody.
        """
        queryset = self
        if language:
            queryset = queryset.filter(languages__slug=language)
        if specialty:
            queryset = queryset.filter(specialties__slug=specialty)
        if approach:
            queryset = queryset.filter(approaches__slug=approach)
        if service:
            queryset = queryset.filter(services__slug=service)
        if who:
            field = CLIENT_GROUPS.get(who, (None,))[0]
            queryset = queryset.filter(**{field: True}) if field else queryset.none()
        if format:
            field = FORMATS.get(format)
            queryset = queryset.filter(**{field: True}) if field else queryset.none()
        if payment:
            field = PAYMENT_OPTIONS.get(payment)
            queryset = (
                queryset.filter(**{field: True})
                if field
                else queryset.filter(insurance_carriers__slug=payment)
            )
        if accepting:
            queryset = queryset.filter(accepting_new_clients=True)
        return queryset


class TeamPage(BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Introduce the team.")

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["practice.ClinicianPage"]
    max_count = 1
    template = "practice/team_page.html"

    def serve(self, request, *args, **kwargs):
        """A filtered list is the visitor's own: kept by no shared cache, the page cache included."""
        response = super().serve(request, *args, **kwargs)
        if Finder.is_filtered(request.GET):
            patch_cache_control(response, private=True)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        finder = Finder(request.GET)
        context["finder"] = finder
        clinicians = ClinicianPage.objects.child_of(self.listing_root).visible()
        clinicians = clinicians.matching(**finder.criteria).with_card_terms().with_booking_links()
        clinicians = clinicians.speakers_first(getattr(request, "LANGUAGE_CODE", None))
        if not Finder.is_filtered(request.GET):  # the whole team, as most visitors see it
            clinicians = cached_fragment(
                f"practice:team:{self.pk}", lambda: list(clinicians), request=request
            )
        context["clinicians"] = clinicians
        return context


class ClinicianPage(DescribedImagesMixin, FormatsMixin, BasePage):
    """One clinician. The page title is the clinician's name as clients should see it."""

    pronouns = models.CharField(max_length=40, blank=True, help_text="For example: she/her.")
    credentials = models.CharField(
        max_length=80, help_text="Letters after the name, for example: LCSW or PsyD, LPC."
    )
    role = models.CharField(
        max_length=80, blank=True, help_text="For example: Founder and clinical director."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly portrait. Its description is read aloud as alt text, so describe the photo.",
    )
    license_state = models.CharField(max_length=2, default="NJ", help_text="Two-letter state of licensure.")
    license_number = models.CharField(max_length=40, help_text="As it appears on the state license lookup.")
    specialties = ParentalManyToManyField(
        "practice.Specialty",
        blank=True,
        related_name="clinicians",
        help_text="What this clinician helps with. Visitors filter the team by these.",
    )
    approaches = ParentalManyToManyField(
        "practice.Approach",
        blank=True,
        related_name="clinicians",
        help_text="Approaches this clinician uses.",
    )
    languages = ParentalManyToManyField(
        "practice.Language",
        blank=True,
        related_name="clinicians",
        help_text="Languages sessions can be held in.",
    )
    services = ParentalManyToManyField(
        "practice.ServicePage",
        blank=True,
        related_name="clinicians",
        help_text="Services this clinician offers; each service page lists its clinicians.",
    )
    sees_individuals = models.BooleanField(default=True, verbose_name="Individuals")
    sees_couples = models.BooleanField(default=False, verbose_name="Couples")
    sees_families = models.BooleanField(default=False, verbose_name="Families")
    sees_teens = models.BooleanField(default=False, verbose_name="Teens (13 to 17)")
    insurance_carriers = ParentalManyToManyField(
        "practice.InsuranceCarrier",
        blank=True,
        related_name="clinicians",
        verbose_name="Insurance panels",
        help_text="Carriers this clinician is in network with.",
    )
    offers_self_pay = models.BooleanField(default=True, verbose_name="Self-pay")
    offers_sliding_scale = models.BooleanField(default=False, verbose_name="Sliding scale")
    accepting_new_clients = models.BooleanField(
        default=True, help_text="Uncheck when this clinician's caseload is full; the intake form follows it."
    )
    bio = RichTextField(features=RICH_TEXT_FEATURES, help_text="A warm introduction in the first person.")

    summary_field = "bio"
    described_image_fields = ["photo"]  # the portrait, on the page and on every clinician card

    objects = PageManager.from_queryset(ClinicianPageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("pronouns"), FieldPanel("credentials"), FieldPanel("role")]),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("license_state"), FieldPanel("license_number")], heading="License"),
        FieldPanel("accepting_new_clients"),
        MultiFieldPanel(
            [
                FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
                FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What the finder filters by",
        ),
        FieldRowPanel(
            [
                FieldPanel("sees_individuals"),
                FieldPanel("sees_couples"),
                FieldPanel("sees_families"),
                FieldPanel("sees_teens"),
            ],
            heading="Who this clinician sees",
        ),
        FieldRowPanel([FieldPanel("offers_in_person"), FieldPanel("offers_telehealth")], heading="Formats"),
        MultiFieldPanel(
            [
                FieldPanel("insurance_carriers", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("offers_self_pay"), FieldPanel("offers_sliding_scale")]),
            ],
            heading="Payment",
        ),
        FieldPanel("bio"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("bio"),
        index.RelatedFields("languages", [index.SearchField("name")]),
        index.RelatedFields("specialties", [index.SearchField("name")]),
        index.RelatedFields("approaches", [index.SearchField("name")]),
        index.FilterField("accepting_new_clients"),
    ]

    parent_page_types = ["practice.TeamPage"]
    subpage_types = []
    template = "practice/clinician_page.html"

    @cached_property
    def specialty_list(self):
        """Names of the chosen specialties (read once per page object: the page and its JSON-LD)."""
        return [term.name for term in self.specialties.all()]

    @cached_property
    def language_list(self):
        """Names of the chosen languages (read once per page object)."""
        return [term.name for term in self.languages.all()]

    @property
    def client_groups(self):
        return [label for field, label in CLIENT_GROUPS.values() if getattr(self, field)]

    @property
    def payment_options(self):
        """Carriers by name, then self-pay and sliding scale when offered."""
        options = [term.name for term in self.insurance_carriers.all()]
        if self.offers_self_pay:
            options.append(_("Self-pay"))
        if self.offers_sliding_scale:
            options.append(_("Sliding scale"))
        return options

    @property
    def display_name(self):
        return f"{self.title}, {self.credentials}" if self.credentials else self.title

    def get_intake_url(self):
        """The consultation request with this clinician chosen."""
        return intake_url(clinician=self.slug)

    def similar_accepting(self, limit=3):
        """Up to `limit` other visible clinicians accepting new clients who share a language or
        a specialty with this one."""
        shared = Q(languages__in=self.languages.all()) | Q(specialties__in=self.specialties.all())
        matches = ClinicianPage.objects.accepting_new_clients().filter(shared).exclude(pk=self.pk)
        return ClinicianPage.objects.filter(pk__in=matches.values("pk")).with_card_terms()[:limit]

    def get_social_image(self):
        return self.photo

    @property
    def top_specialties(self):
        """Up to three specialties for her card (prefetched by `with_card_terms`)."""
        return self.specialty_list[:CARD_SPECIALTIES]

    def lowest_session_fee(self):
        """The lowest per-session fee among the live services she offers, or None."""
        fees = self.services.filter(live=True, session_fee__isnull=False)
        return fees.aggregate(lowest=Min("session_fee"))["lowest"]

    def profile_terms(self):
        """The names her page lists: specialties, approaches, languages and insurance panels,
        and the lowest fee of her services."""
        return {
            "specialties": self.specialty_list,
            "approaches": [term.name for term in self.approaches.all()],
            "languages": self.language_list,
            "insurance": [term.name for term in self.insurance_carriers.all()],
            "fee_label": fee_from_label(self.lowest_session_fee()),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practice = PracticeSettings.load(request_or_site=request)
        # The terms change only when content does: read once per content generation.
        profile = cached_fragment(
            f"practice:clinician-profile:{self.pk}", self.profile_terms, request=request
        )
        context["profile"] = profile
        context["structured_data"] = clinician_person(
            request, self, practice, languages=profile["languages"], specialties=profile["specialties"]
        )
        if not self.accepting_new_clients:
            context["similar_clinicians"] = self.similar_accepting()
        return context


@receiver(page_published, sender=ClinicianPage)
def index_clinician_with_her_terms(sender, instance, **kwargs):
    """Search indexes a page as it is saved, before its chosen languages, specialties and
    approaches are; index it again once publishing has saved them, so search finds them."""
    index.insert_or_update_object(instance)

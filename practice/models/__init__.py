from practice.models.base import BasePage
from practice.models.home import HomePage, HomePageFeaturedService
from practice.models.location import LocationPage
from practice.models.practice_wording import PracticeWording
from practice.models.services import ServicePage, ServicesIndexPage
from practice.models.site_settings import NavigationSettings, PracticeSettings
from practice.models.standard import StandardPage
from practice.models.taxonomy import Approach, InsuranceCarrier, Language, Specialty
from practice.models.team import ClinicianPage, TeamPage
from practice.models.translation_review import TranslationReview

__all__ = [
    "Approach",
    "BasePage",
    "ClinicianPage",
    "HomePage",
    "HomePageFeaturedService",
    "InsuranceCarrier",
    "Language",
    "LocationPage",
    "NavigationSettings",
    "PracticeSettings",
    "PracticeWording",
    "ServicePage",
    "ServicesIndexPage",
    "Specialty",
    "StandardPage",
    "TeamPage",
    "TranslationReview",
]

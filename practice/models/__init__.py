from practice.models.base import BasePage
from practice.models.home import HomePage, HomePageFeaturedService
from practice.models.services import ServicePage, ServicesIndexPage
from practice.models.site_settings import NavigationSettings, PracticeSettings
from practice.models.snippets import Approach
from practice.models.standard import StandardPage
from practice.models.team import ClinicianPage, TeamPage

__all__ = [
    "Approach",
    "BasePage",
    "ClinicianPage",
    "HomePage",
    "HomePageFeaturedService",
    "NavigationSettings",
    "PracticeSettings",
    "ServicePage",
    "ServicesIndexPage",
    "StandardPage",
    "TeamPage",
]

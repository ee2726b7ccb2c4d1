"""A blog on the practice's site tree: home, services (with the relationship service), a
team of two clinicians, and the blog index at /blog/."""

from dataclasses import dataclass

import pytest

from blog.models import BlogIndexPage
from practice.models import ClinicianPage, ServicePage
from tests.blog.factories import BlogIndexPageFactory
from tests.factories import ClinicianPageFactory, ServicePageFactory, SiteTree


@dataclass
class BlogSite(SiteTree):
    service: ServicePage
    author: ClinicianPage
    reviewer: ClinicianPage
    blog: BlogIndexPage


@pytest.fixture
def blog_site(site_tree):
    service = ServicePageFactory(
        parent=site_tree.services,
        title="Individual therapy for relationship issues",
        slug="individual-therapy-for-relationship-issues",
    )
    author = ClinicianPageFactory(parent=site_tree.team, title="Anjali Mehta", slug="anjali-mehta")
    reviewer = ClinicianPageFactory(parent=site_tree.team, title="Grace Kim", slug="grace-kim")
    blog = BlogIndexPageFactory(parent=site_tree.home)
    return BlogSite(**vars(site_tree), service=service, author=author, reviewer=reviewer, blog=blog)

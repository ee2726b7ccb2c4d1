"""Demo content of the practice: home, services, team, standard pages, settings, navigation.

Every app's demo has this shape: a `demo` package whose `load(**options)` creates what is
missing and returns a one-line summary, with its words and images in modules beside it, and
optionally `add_arguments(parser)` for its own options of `manage.py load_demo_content`.
Idempotent: pages are found by slug under their parent and created only when missing, so
loading twice changes nothing. The practice loads first; other apps build on its pages.
"""

from wagtail.models import Page, Site

from practice.demo import content, expected_pages, sample_clinicians, translations
from practice.demo.images import get_or_create_image
from practice.demo.pages import ensure_child, publish
from practice.images import queue_all_renditions
from practice.models import (
    Approach,
    ClinicianPage,
    HomePage,
    HomePageFeaturedService,
    InsuranceCarrier,
    Language,
    LocationPage,
    NavigationSettings,
    PracticeSettings,
    ServicePage,
    ServicesIndexPage,
    Specialty,
    StandardPage,
    TeamPage,
)


def ensure_home():
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a placeholder "Welcome" page; the practice replaces it.
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    hero = get_or_create_image(
        "Home hero", "Warm abstract shapes in peach and plum, like a sunrise.", "dawn", seed=7
    )
    home, _ = ensure_child(root, HomePage, "home", hero_image=hero, **content.HOME)
    return home


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = site.hostname or "localhost"
    site.port = site.port or 80
    site.root_page = home
    site.site_name = content.PRACTICE["practice_name"]
    site.save()


def richtext_faqs(faqs):
    return [("faq", {"question": q, "answer": a}) for q, a in faqs]


def ensure_services(home, approaches):
    index, _ = ensure_child(
        home,
        ServicesIndexPage,
        "services",
        title="Services",
        intro="<p>Every service starts with a free 15-minute consultation, so you can ask questions and see how it feels.</p>",
    )
    services = []
    for data in content.SERVICES:
        data = dict(data)
        slug = data.pop("slug")
        data["approaches"] = [approaches[name] for name in data["approaches"]]
        data["faqs"] = richtext_faqs(data["faqs"])
        page, _ = ensure_child(index, ServicePage, slug, **data)
        services.append(page)
    if not home.featured_services.exists():
        for order, service in enumerate(services):
            HomePageFeaturedService.objects.create(page=home, service=service, sort_order=order)
        publish(home)
    return index, services


def ensure_team(home, approaches):
    team, _ = ensure_child(
        home,
        TeamPage,
        "team",
        title="Our team",
        intro="<p>Licensed clinicians who share many of the cultural experiences our clients bring.</p>",
    )
    for seed, data in enumerate(content.CLINICIANS, start=1):
        data = dict(data)
        palette = data.pop("palette")
        data["approaches"] = [approaches[name] for name in data["approaches"]]
        for field, model in (
            ("languages", Language),
            ("specialties", Specialty),
            ("insurance_carriers", InsuranceCarrier),
        ):
            data[field] = [model.objects.get_or_create(name=name)[0] for name in data[field]]
        data["services"] = list(ServicePage.objects.filter(slug__in=data["services"]))
        data["photo"] = get_or_create_image(
            f"Portrait placeholder: {data['title']}",
            f"Abstract illustration standing in for a portrait of {data['title']}",
            palette,
            size=(640, 640),
            seed=seed,
        )
        ensure_child(team, ClinicianPage, data.pop("slug"), **data)
    return team


def ensure_standard_pages(home):
    pages = {}
    for data in content.STANDARD_PAGES + expected_pages.STANDARD_PAGES:
        data = dict(data)
        body = [("paragraph", data.pop("body"))] if "body" in data else []
        body += data.pop("blocks", [])
        body += richtext_faqs(data.pop("faqs", []))
        slug = data.pop("slug")
        pages[slug], created = ensure_child(home, StandardPage, slug, body=body, **data)
        if not created:
            upgrade_demo_body(pages[slug], body, data.get("intro"))
    return pages


def upgrade_demo_body(page, body, intro):
    """Gives a page still holding an earlier demo body (untouched by editors) the current one."""
    earlier = expected_pages.EARLIER_BODIES.get(page.slug)
    current = [(block.block_type, getattr(block.value, "source", block.value)) for block in page.body]
    if earlier is None or current != earlier:
        return
    page.body = body
    page.intro = intro or page.intro
    publish(page)


def ensure_location(home):
    """The location page, for a practice with an office; a telehealth-only practice gets none."""
    existing = LocationPage.objects.first()
    if existing or PracticeSettings.load().telehealth_only:
        return existing
    map_image = get_or_create_image(
        "Location placeholder",
        "Abstract illustration standing in for the practice’s own map or photo of the entrance",
        "sage",
        seed=11,
    )
    page, _ = ensure_child(home, LocationPage, map_image=map_image, **expected_pages.LOCATION)
    return page


def ensure_footer_links(nav, pages):
    """Adds a footer link to each of `pages` ({label: page}) that the footer menu lacks; True if any."""
    linked = {block.value["page"].pk for block in nav.footer_menu if block.value.get("page")}
    missing = [(label, page) for label, page in pages.items() if page is not None and page.pk not in linked]
    for label, page in missing:
        nav.footer_menu.append(("link", {"label": label, "page": page, "url": ""}))
    return bool(missing)


def ensure_settings(services_index, team, pages, location):
    practice = PracticeSettings.load()
    if not practice.phone:
        for field, value in content.PRACTICE.items():
            setattr(practice, field, value)
        practice.save()
    if practice.browsing_safely_page_id is None:
        practice.browsing_safely_page = pages["browsing-safely"]
        practice.save(update_fields=["browsing_safely_page"])
    nav = NavigationSettings.load()
    if not nav.main_menu:

        def link(label, page=None, url=""):
            return ("link", {"label": label, "page": page, "url": url})

        nav.main_menu = [
            link("Services", services_index),
            link("Our team", team),
            link("Fees & insurance", pages["fees-and-insurance"]),
            link("Blog", url="/blog/"),
            link("About", pages["about"]),
            link("Contact", url="/contact/"),
        ]
        nav.footer_menu = [
            link("FAQ", pages["faq"]),
            link("Request a consultation", url="/contact/intake/"),
        ]
        nav.privacy_notice_page = pages["notice-of-privacy-practices"]
        nav.good_faith_estimate_page = pages["good-faith-estimate"]
        nav.privacy_policy_page = pages["privacy-policy"]
        nav.save()
    # Pages added to the demo later get their footer links in an existing database too.
    expected = {"Location & directions": location, "Accessibility": pages["accessibility"]}
    if ensure_footer_links(nav, expected):
        nav.save()


def add_arguments(parser):
    translations.add_arguments(parser)
    sample_clinicians.add_arguments(parser)


def load(*, draft_translations=False, clinicians=0, **options):
    """Create the practice's demo content where missing; returns a summary line."""
    approaches = {
        name: Approach.objects.get_or_create(name=name, defaults={"description": description})[0]
        for name, description in content.APPROACHES
    }
    home = ensure_home()
    ensure_site(home)
    services_index, _ = ensure_services(home, approaches)
    team = ensure_team(home, approaches)
    sample_clinicians.ensure_clinicians(team, clinicians)
    pages = ensure_standard_pages(home)
    location = ensure_location(home)
    ensure_settings(services_index, team, pages, location)
    translated = translations.load(home, services_index, pages, draft_translations=draft_translations)
    # Images from an earlier load (or made while RENDITIONS_AHEAD was off) get their renditions
    # now; images created from here on get them as they are saved.
    queue_all_renditions()
    return f"Practice pages, settings and navigation are ready. {translated}"

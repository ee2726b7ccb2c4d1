"""Search and sharing metadata, one pipeline for every page type: schema.org data as plain
dicts for JSON-LD, the social image, and breadcrumbs. The blog builds on these.

URLs are absolute on the public address (SITE_URL) when it is set, else on the host the
request came in on.
"""

from siteplatform.site_url import absolute_url

SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


def absolute(request, url):
    """`url` as an absolute address: on SITE_URL when it is set, else on the request's address;
    an address that is already absolute (media on a CDN, say) as it is."""
    if not url or url.startswith(("https://", "http://")):
        return url or ""
    return absolute_url(url, request)


def social_image(request, image):
    """The image link previews use: 1200×630 JPEG, with its alt text. None without an image."""
    if image is None:
        return None
    rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def breadcrumb_list(request, crumbs):
    """schema.org BreadcrumbList from (name, url) pairs, the current page last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(request, url)}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def person(request, clinician):
    """A clinician as a schema.org Person: name, page, credentials and role when set."""
    if clinician is None:
        return None
    data = {"@type": "Person", "name": clinician.title, "url": absolute(request, clinician.get_url(request))}
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    if clinician.role:
        data["jobTitle"] = clinician.role
    return data


def practice_business(request, practice, home):
    """The practice as a MedicalBusiness: name, contact details, where it serves."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "name": practice.practice_name,
        "url": absolute(request, home.get_url(request)),
        "areaServed": {"@type": "State", "name": "New Jersey"},
        "isAcceptingNewPatients": True,
    }
    if practice.tagline:
        data["description"] = practice.tagline
    if practice.phone:
        data["telephone"] = practice.phone
    if practice.email:
        data["email"] = practice.email
    if practice.address and not practice.telehealth_only:
        data["address"] = " ".join(practice.address.split())
    return data


def clinician_person(request, clinician, practice, *, languages, specialties):
    """A clinician's own page: the Person, with the names of her languages and specialties,
    and the practice."""
    return {
        "@context": "https://schema.org",
        **person(request, clinician),
        "knowsLanguage": languages,
        "knowsAbout": specialties,
        "worksFor": {"@type": "MedicalBusiness", "name": practice.practice_name},
    }

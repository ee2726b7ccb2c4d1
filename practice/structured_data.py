"""schema.org data about the practice and its clinicians, as plain dicts for JSON-LD."""


def practice_business(request, practice, home):
    """The practice as a MedicalBusiness: name, contact details, where it serves."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "name": practice.practice_name,
        "url": request.build_absolute_uri(home.get_url(request)),
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


def clinician_person(request, clinician, practice):
    """A clinician as a Person who works for the practice."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": clinician.title,
        "url": request.build_absolute_uri(clinician.get_url(request)),
        "honorificSuffix": clinician.credentials,
        "knowsLanguage": clinician.language_list,
        "knowsAbout": clinician.specialty_list,
        "worksFor": {"@type": "MedicalBusiness", "name": practice.practice_name},
    }
    if clinician.role:
        data["jobTitle"] = clinician.role
    return data

"""Page helpers every app's demo uses: publish as an editor would, and create a page only once."""

from wagtail.search import index as search_index

M2M_FIELDS = {"approaches", "languages", "specialties", "insurance_carriers", "services"}


def publish(page):
    """Publish `page` through a revision, as an editor would, and index it for search at once.

    Returns the page. Indexing here (not only on commit) lets the loader's later steps and the
    tests that call it inside a transaction find the page through search.
    """
    page.save_revision().publish()
    search_index.insert_or_update_object(page)
    return page


def ensure_child(parent, model, slug, **fields):
    """(page, created): the child of `parent` with this slug, else a new published `model` page.

    Many-to-many values (those named in M2M_FIELDS) are set after the page exists, as they must be.
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    m2m = {key: fields.pop(key) for key in list(fields) if key in M2M_FIELDS}
    page = parent.add_child(instance=model(slug=slug, **fields))
    for name, values in m2m.items():
        getattr(page, name).set(values)
    return publish(page), True

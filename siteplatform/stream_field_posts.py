"""A page edit or create post with incomplete StreamField data gets a 400, not a 500.

Wagtail 8.0's `StreamBlock.value_from_datadict` reads its management fields (`body-count`,
`body-0-type`, `body-0-order`, `body-0-deleted`) as `data[...]` and `int(...)`, so a post
without them, or with a count that is not a number, raises `MultiValueDictKeyError` (a KeyError)
or ValueError from inside `form.is_valid()`, and the page editor answers 500. The editor's own
JavaScript always sends them; a hand-made post, a browser extension or a truncated request does
not. The `before_edit_page` and `before_create_page` hooks run after Wagtail's permission checks
and before the form is read: they read each StreamField of the page's edit form the way the form
will, and when that fails answer with the site's 400 page ("nothing was saved") instead.

Remove this module when Wagtail reads missing management fields as a form error (reported
upstream: "StreamField: a POST without `<name>-count` raises MultiValueDictKeyError, a 500").
"""

from wagtail import hooks
from wagtail.blocks import BlockField

from siteplatform.views import error_page

# What StreamBlock and ListBlock raise when a management field is missing or not a number.
UNREADABLE = (KeyError, ValueError)


def stream_data_error(page_class, request):
    """The name of the first StreamField of `page_class`'s edit form that Wagtail cannot read
    from `request`'s POST data, or None when all of them can be read."""
    form_class = page_class.get_edit_handler().get_form_class()
    for name, field in form_class.base_fields.items():
        if not isinstance(field, BlockField):
            continue
        try:
            field.widget.value_from_datadict(request.POST, request.FILES, name)
        except UNREADABLE:
            return name
    return None


def refuse_incomplete_stream_data(request, page_class):
    """The 400 response for an unreadable StreamField post, else None (the view carries on)."""
    if request.method != "POST":
        return None
    name = stream_data_error(page_class, request)
    if name is None:
        return None
    return error_page("400.html", 400)  # the site's own 400 page, as for any unreadable post


@hooks.register("before_edit_page")
def refuse_incomplete_stream_data_on_edit(request, page):
    return refuse_incomplete_stream_data(request, page.specific_class)


@hooks.register("before_create_page")
def refuse_incomplete_stream_data_on_create(request, parent_page, page_class):
    return refuse_incomplete_stream_data(request, page_class)

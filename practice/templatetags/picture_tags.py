"""`{% picture %}`: Wagtail's own tag and HTML, with the tag's sizes parsed into filters once per
template rather than at every render. Wagtail builds a Filter (and parses its operations) for
each size each time a picture renders: a listing's cards paid that for every card, about a
third of each picture's cost (issue 19). A template's nodes live as long as the cached template,
and a filter depends only on the spec written in the tag, so the node keeps its filters."""

from django import template
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        filters = self.__dict__.get("filters")
        if filters is None:
            filters = self.filters = super().get_filters()
        return filters


@register.tag
def picture(parser, token):
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )

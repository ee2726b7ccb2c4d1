"""What readership counts from other apps' events: a search (siteplatform) and an enquiry
sent (contact), each with its request."""

from django.dispatch import receiver

from contact.signals import enquiry_received
from readership.services import request_record, search_record
from siteplatform.signals import searched


@receiver(searched)
def count_search(sender, *, request, query, found, **kwargs):
    search_record(request=request, query=query, found=found)


@receiver(enquiry_received)
def count_request(sender, *, request, **kwargs):
    """The page the visitor came to the form from (the form's hidden `came_from`, one path of
    this site) led to a request. Nothing is kept on the enquiry and nothing joins it to a view."""
    request_record(request=request, came_from=request.POST.get("came_from", ""))

"""The staff inbox for enquiries in the Wagtail admin: its list, each enquiry's page (with the
inline status and note form), the export log and the dashboard panels.

Only superusers and "Intake coordinators" may see anything here (see contact.models.permissions).
`contact.wagtail_hooks` registers it all with Wagtail.
"""

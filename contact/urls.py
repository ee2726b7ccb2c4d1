from django.urls import path
from django.views.generic import TemplateView

app_name = "contact"

# Placeholder routes until the contact app lands; the names are part of the contract.
urlpatterns = [
    path("", TemplateView.as_view(template_name="contact/placeholder.html"), name="contact"),
    path("intake/", TemplateView.as_view(template_name="contact/placeholder.html"), name="intake"),
]

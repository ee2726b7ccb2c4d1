from django.urls import path

from contact import views

app_name = "contact"

# /contact/ and /contact/intake/ are public addresses others link to: keep these paths and names.
urlpatterns = [
    path("", views.contact, name="contact"),
    path("intake/", views.intake, name="intake"),
    path("thanks/", views.thanks, name="thanks"),
]

from django.urls import path

from contact import views

app_name = "contact"

# The names `contact` and `intake` are part of the site's contract (design.md).
urlpatterns = [
    path("", views.contact, name="contact"),
    path("intake/", views.intake, name="intake"),
    path("thanks/", views.thanks, name="thanks"),
]

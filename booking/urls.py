from django.urls import path

from booking import views

app_name = "booking"

# /contact/call/<token>/ in every language: the link in a confirmation (booking.links).
urlpatterns = [
    path("<str:token>/", views.manage, name="manage"),
]

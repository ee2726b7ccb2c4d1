from django.urls import path

from booking import views

app_name = "booking_calendar"

# /calendar/<token>.ics, outside the language prefixes (a calendar app fetches one address): each
# host's private feed (booking.feed). The access log leaves the token out (deploy/gunicorn.conf.py).
urlpatterns = [
    path("<slug:token>.ics", views.calendar_feed, name="feed"),
]

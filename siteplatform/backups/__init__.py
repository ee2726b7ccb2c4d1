"""Backups that restore: `manage.py backup` writes one archive of the database and the media,
encrypted with the data keys; `manage.py restore` rebuilds a site from it (services.py)."""

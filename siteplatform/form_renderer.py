"""The form renderer (settings.FORM_RENDERER): Django's own widget and form templates from the
Jinja2 copies Django ships of them, everything else (Wagtail's widgets, the site's) as Django's
default renderer finds it.

Django renders every `<option>` of a select and every radio button through two or three nested
template includes; in Django's template language that was 15 % of the team page (the clinician
finder's selects) and more of the consultation request. The Jinja2 copies are Django's, kept
equal to the others by Django's own tests (the output differs only in blank lines between
options), and compile to Python, so the same HTML costs a fraction of the time.
"""

from django.forms.renderers import DjangoTemplates, Jinja2

DJANGOS_OWN = "django/forms/"


class FastWidgetRenderer(DjangoTemplates):
    jinja2 = Jinja2()

    def get_template(self, template_name):
        if template_name.startswith(DJANGOS_OWN):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)

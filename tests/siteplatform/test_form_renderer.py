"""Django's own widget templates render from their Jinja2 copies (siteplatform/form_renderer.py):
the same markup, a fraction of the cost; every other widget template is found as before."""

from django import forms
from django.forms.renderers import get_default_renderer
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as Jinja2Template


class Choices(forms.Form):
    topic = forms.ChoiceField(choices=[("", "Anything"), ("a", "Anxiety & stress"), ("b", "Burnout")])
    when = forms.ChoiceField(choices=[("am", "Mornings"), ("pm", "Evenings")], widget=forms.RadioSelect)


def test_djangos_own_widgets_come_from_their_jinja2_copies():
    renderer = get_default_renderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), Jinja2Template)
    assert isinstance(renderer.get_template("wagtailadmin/widgets/chooser.html"), DjangoTemplate)


def test_a_select_and_radio_buttons_keep_their_markup():
    form = Choices(initial={"topic": "a", "when": "pm"})
    select = " ".join(str(form["topic"]).split())
    assert select == (
        '<select name="topic" required id="id_topic"> <option value="">Anything</option> '
        '<option value="a" selected>Anxiety &amp; stress</option> <option value="b">Burnout</option> </select>'
    )
    radios = str(form["when"])
    assert '<input type="radio" name="when" value="pm" required id="id_when_1" checked>' in radios
    assert (
        '<label for="id_when_0"><input type="radio" name="when" value="am" required id="id_when_0">' in radios
    )

"""Korean and Hindi demo translations of a few pages, made the way wagtail-localize makes them.

The home page, the services index, one service and the fees page are translated into each
language of the site that has a data module here (translations_ko, translations_hi): a
wagtail-localize TranslationSource of the English page, a Translation into the locale and a
StringTranslation for every segment, then `save_target`. Editors can carry on in localize's
translation editor. The pages are published, so the demo shows the site in all three languages,
each with a TranslationReview still awaiting a clinician who speaks the language;
`--draft-translations` leaves them drafts instead, the way a translation made in the admin starts.
(The contact and consultation request forms are Django views: their words are in the interface
catalogues, locale/<language>/LC_MESSAGES/django.po, not here.)

A page already translated into a locale (by the demo or by an editor) is left alone, so loading
again changes nothing; a demo translation still a draft that was never published is published
then (one staff took down stays down). An English segment without a translation in the data module stops the
loader with an error naming it: the demo's English copy changed and its translations must too.
A page an editor has changed (a revision with a user) is skipped instead.
"""

from django.conf import settings
from django.core.management.base import CommandError
from wagtail.models import Locale
from wagtail.search import index as search_index
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, validate_translation_links

from practice.demo import translations_hi, translations_ko
from practice.models import PracticeSettings, PracticeWording, TranslationReview

DEMO_TRANSLATOR = "Demo translation (machine-assisted)"
TOOL_NAME = "Demo translation"
STRINGS = {"ko": translations_ko.STRINGS, "hi": translations_hi.STRINGS}
PRACTICE_WORDING = {"ko": translations_ko.PRACTICE_WORDING, "hi": translations_hi.PRACTICE_WORDING}
# The one service translated: both the clinician who speaks Korean and the one who speaks Hindi offer it.
SERVICE_SLUG = "cultural-identity-and-life-transitions"
# Segments kept as they are: the slug keeps a translated page's address the English one under /ko/ or /hi/.
UNTRANSLATED_PATHS = {"slug"}


class DemoTranslationError(CommandError):
    """An English segment of a demo page has no (valid) translation in the language's data module."""


def add_arguments(parser):
    parser.add_argument(
        "--draft-translations",
        action="store_true",
        help="Leave the demo’s Korean and Hindi pages as drafts (they are published by default, "
        "their translation reviews still awaiting a clinician).",
    )


def demo_locales():
    """The locales of the site's languages (SITE_LANGUAGES) that the demo has translations for."""
    codes = [code for code, _name in settings.LANGUAGES if code in STRINGS]
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}
    return [locales[code] for code in codes if code in locales]


def edited_by_staff(page):
    """True when someone other than the loader saved a revision of `page` (its English text may differ)."""
    return page.revisions.exclude(user=None).exists()


def translated_strings(source, locale):
    """[(segment, translation)] for every string segment of `source`; raises DemoTranslationError."""
    strings = STRINGS[locale.language_code]
    segments = (
        StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
    )
    pairs, missing = [], []
    for segment in segments:
        english = segment.string.data
        if segment.context.path in UNTRANSLATED_PATHS:
            pairs.append((segment, english))
        elif english in strings:
            pairs.append((segment, strings[english]))
        else:
            missing.append(english)
    if missing:
        module = f"practice/demo/translations_{locale.language_code}.py"
        listed = "\n".join(f"  {text!r}" for text in missing)
        raise DemoTranslationError(
            f"The demo page “{source.object_repr}” has English text with no translation in {module}; "
            f"add these (the English demo copy changed?):\n{listed}"
        )
    return pairs


def string_translation(segment, locale, text):
    """An unsaved StringTranslation of `segment`; raises DemoTranslationError if localize would
    refuse it (it marks such a translation as an error and leaves the English in place)."""
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(segment.string.data, text)
    except ValueError as error:
        raise DemoTranslationError(
            f"The {locale.language_code} translation of {segment.string.data!r} is not valid for "
            f"wagtail-localize ({error}; its HTML tags must match the English): {text!r}"
        ) from error
    return StringTranslation(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        tool_name=TOOL_NAME,
    )


def translation_source(page):
    """The wagtail-localize source of `page`, holding its current content."""
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()  # an earlier source may predate the page's current text
    return source


def translate(source, locale):
    """A draft translation of the source's page into `locale` with a review awaiting a clinician,
    made the way wagtail-localize makes one. Returns the translated page."""
    StringTranslation.objects.bulk_create(
        [string_translation(segment, locale, text) for segment, text in translated_strings(source, locale)],
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=["data", "translation_type", "tool_name", "has_error", "field_error", "updated_at"],
    )
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    translated = translation.get_target_instance()
    TranslationReview.objects.get_or_create(page=translated, defaults={"translated_by": DEMO_TRANSLATOR})
    return translated


def publish_demo_translation(translated):
    """Publish a demo translation's latest revision, if the demo made it and it was never
    published: a translation staff have unpublished is left as they left it."""
    if (
        translated.live
        or translated.first_published_at is not None
        or not TranslationReview.objects.filter(page=translated, translated_by=DEMO_TRANSLATOR).exists()
    ):
        return False
    translated.get_latest_revision().publish()
    search_index.insert_or_update_object(translated.specific)
    return True


def ensure_practice_wording(locales):
    """The practice's tagline and hours in each language, where staff have no words for it yet."""
    practice = PracticeSettings.load()
    for locale in locales:
        PracticeWording.objects.get_or_create(
            settings=practice, locale=locale, defaults=PRACTICE_WORDING[locale.language_code]
        )


def load(home, services_index, pages, *, draft_translations=False):
    """Translate the demo's pages into each language with a data module; returns a summary line."""
    service = services_index.get_children().filter(slug=SERVICE_SLUG).first()
    originals = [home, services_index, service, pages.get("fees-and-insurance")]
    originals = [page.specific for page in originals if page is not None]  # parents before children
    locales = demo_locales()
    ensure_practice_wording(locales)
    created, published, skipped = 0, 0, []
    for page in originals:
        source = None
        for locale in locales:
            translated = page.get_translation_or_none(locale)
            if translated is None or translated.alias_of_id:  # an alias is not yet translated
                if edited_by_staff(page):
                    skipped.append(f"{page.title} ({locale.language_code})")
                    continue
                source = source or translation_source(page)
                translated = translate(source, locale)
                created += 1
            if not draft_translations and publish_demo_translation(translated):
                published += 1
    languages = ", ".join(locale.language_code for locale in locales) or "none"
    summary = f"Demo translations ({languages}): {created} pages translated, {published} published"
    if skipped:
        summary += f"; not translated, changed by staff: {', '.join(skipped)}"
    return summary + "."

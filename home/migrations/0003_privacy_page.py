"""
The privacy statement becomes a PrivacyPage: the same page (id, place in the
tree, /privacy/), now with an introduction the editors write and, below it,
what the site stores, generated from the register of personal data.

The old hard-coded body listed what is stored; that list now comes from the
code. An unchanged body is replaced by a short introduction; a body the
editors changed is kept as the introduction, for them to shorten. Revisions
are converted too, so the page's history still opens; the old search index
entry goes (the new one is written after `migrate`, see home.models.index_site_pages).
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

INTRO = """
<p>Wij(k) de Ruwaard bewaart zo weinig mogelijk over u. Hieronder staat wat wij bewaren, waarom, wie het ziet
en hoe lang. Die lijst maakt de site zelf, uit wat hij echt bewaart. Zo klopt hij altijd.</p>
<h2>Wat wij niet doen</h2>
<p>Wij gebruiken geen advertenties, geen volgcookies en geen diensten van andere bedrijven op deze site.
Wij zetten nooit hulpvragen of gegevens over cliënten op de site.</p>
""".strip()

# The body home/migrations/0002 wrote; only this exact text is replaced by INTRO.
OLD_BODY_START = "<h2>Wat wij bewaren</h2>\n<p>Wij(k) de Ruwaard bewaart zo weinig mogelijk over u.</p>"
OLD_BODY_END = "<h2>Vragen?</h2>\n<p>Mail de redactie: <a href=\"mailto:redactie@wijkderuwaard.nl\">redactie@wijkderuwaard.nl</a>.</p>"


def intro_from(body):
    body = (body or "").strip()
    if body.startswith(OLD_BODY_START) and body.endswith(OLD_BODY_END):
        return INTRO
    return body


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Revision = apps.get_model("wagtailcore.Revision")
    IndexEntry = apps.get_model("wagtailsearch.IndexEntry")
    ContentPage = apps.get_model("home.ContentPage")
    PrivacyPage = apps.get_model("home.PrivacyPage")
    alias = schema_editor.connection.alias

    old_type = ContentType.objects.get_or_create(app_label="home", model="contentpage")[0]
    new_type = ContentType.objects.get_or_create(app_label="home", model="privacypage")[0]
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    old = ContentPage.objects.filter(path__startswith=home.path, depth=3, slug="privacy").first()
    if old is None or PrivacyPage.objects.exists():
        return
    page_id = old.pk

    # The same page row gets a PrivacyPage row instead of its ContentPage row.
    privacy = PrivacyPage(page_ptr_id=page_id, intro=intro_from(old.body))
    privacy.save_base(raw=True)
    ContentPage.objects.filter(pk=page_id)._raw_delete(alias)
    Page.objects.filter(pk=page_id).update(content_type=new_type)

    page_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0]
    for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(page_id)):
        content = dict(revision.content)
        content["intro"] = intro_from(content.pop("body", ""))
        content["content_type"] = new_type.pk
        revision.content = content
        revision.content_type = new_type
        revision.save(update_fields=["content", "content_type"])

    IndexEntry.objects.filter(content_type=old_type, object_id=str(page_id))._raw_delete(alias)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_structure_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="PrivacyPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "intro",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="Wat wij bewaren, waarom en hoe lang: dat zet de site zelf eronder.",
                        verbose_name="introductie",
                    ),
                ),
            ],
            options={"verbose_name": "privacyverklaring"},
            bases=("wagtailcore.page",),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]

"""
Section pages' own title and introduction in the other interface languages (English, Turkish), as an
inline on each section page, filled for the pages the migrations made. A translation an editor already
wrote is kept.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

# (slug of the page under the home page, or None for the home page): {language: (title, intro)}
TRANSLATIONS = {
    None: {
        "en": (
            "Wij(k) de Ruwaard",
            "Everything that happens in the Ruwaard, in one place. What residents do and what organisations do. "
            "See what is on, find help nearby, or help out for a few hours.",
        ),
        "tr": (
            "Wij(k) de Ruwaard",
            "Ruwaard'da olan her şey tek bir yerde. Sakinlerin ve kuruluşların yaptıkları. "
            "Neler olduğuna bakın, yakınınızda yardım bulun veya birkaç saat yardım edin.",
        ),
    },
    "agenda": {
        "en": (
            "Calendar",
            "Everything that happens in the Ruwaard: what residents do, what organisations do, and where help is needed.",
        ),
        "tr": (
            "Takvim",
            "Ruwaard'da olan her şey: sakinlerin yaptıkları, kuruluşların yaptıkları ve nerede yardım gerektiği.",
        ),
    },
    "verhalen": {
        "en": (
            "Stories",
            "Stories by residents about what happens in the Ruwaard. The resident editors of the neighbourhood "
            "magazine Rucreant read every story before it appears here.",
        ),
        "tr": (
            "Hikâyeler",
            "Ruwaard'da olanlar hakkında sakinlerin hikâyeleri. Mahalle dergisi Rucreant'ın editör ekibi her "
            "hikâyeyi burada çıkmadan önce okur.",
        ),
    },
    "initiatieven": {
        "en": (
            "Initiatives",
            "Residents work for the neighbourhood. See what is happening, support an initiative, or help out for "
            "a few hours.",
        ),
        "tr": (
            "Girişimler",
            "Sakinler mahalle için çalışıyor. Neler olduğuna bakın, bir girişimi destekleyin veya birkaç saat "
            "yardım edin.",
        ),
    },
    "inloop": {
        "en": (
            "Drop-in hours",
            "Here you find help in the neighbourhood. You can just walk in, you do not need an appointment. It is free.",
        ),
        "tr": (
            "Danışma saatleri",
            "Burada mahallede yardım bulursunuz. Randevusuz gelebilirsiniz. Ücretsizdir.",
        ),
    },
    "wie-doet-wat": {
        "en": (
            "Who does what",
            "Who helps you with what? Here you find the organisations and the residents' initiatives of the Ruwaard.",
        ),
        "tr": (
            "Kim ne yapar",
            "Kim size ne konuda yardım eder? Ruwaard'ın kuruluşları ve sakinlerin girişimleri burada.",
        ),
    },
    "privacy": {
        "en": (
            "Privacy",
            "Wij(k) de Ruwaard keeps as little about you as possible. Below is what we keep, why, who sees it and "
            "for how long. The site makes that list itself, from what it really keeps. So it is always right.\n\n"
            "We use no advertising, no tracking cookies and no services of other companies on this site. We never "
            "put requests for help or details about clients on the site.",
        ),
        "tr": (
            "Gizlilik",
            "Wij(k) de Ruwaard sizinle ilgili olabildiğince az şey saklar. Aşağıda neyi, neden sakladığımız, kimin "
            "gördüğü ve ne kadar süre sakladığımız yazıyor. Bu listeyi site, gerçekten sakladıklarından kendisi "
            "yapar. Bu yüzden liste her zaman doğrudur.\n\n"
            "Bu sitede reklam, takip çerezi veya başka şirketlerin hizmetlerini kullanmayız. Yardım isteklerini "
            "veya danışanlarla ilgili bilgileri asla siteye koymayız.",
        ),
    },
}


def add_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    PageTranslation = apps.get_model("home.PageTranslation")
    for home in Page.objects.filter(depth=2):
        slugs = [slug for slug in TRANSLATIONS if slug]
        children = Page.objects.filter(path__startswith=home.path, depth=3, slug__in=slugs)
        pages = {None: home, **{child.slug: child for child in children}}
        for slug, page in pages.items():
            for order, (language, (title, intro)) in enumerate(TRANSLATIONS[slug].items()):
                PageTranslation.objects.get_or_create(
                    page=page, language=language, defaults={"title": title, "intro": intro, "sort_order": order}
                )


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0004_section_pages_in_menus'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PageTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('language', models.CharField(choices=[('en', 'English'), ('tr', 'Türkçe')], max_length=8, verbose_name='taal')),
                ('title', models.CharField(max_length=255, verbose_name='titel')),
                ('intro', models.TextField(blank=True, verbose_name='introductie')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to=settings.WAGTAIL_PAGE_MODEL)),
            ],
            options={
                'verbose_name': 'vertaling',
                'verbose_name_plural': 'vertalingen',
                'ordering': ['sort_order'],
                'abstract': False,
                'unique_together': {('page', 'language')},
            },
        ),
        migrations.RunPython(add_translations, migrations.RunPython.noop),
    ]

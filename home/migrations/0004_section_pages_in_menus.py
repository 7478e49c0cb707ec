"""
The main menu comes from the page tree: the section pages get "show in menus",
and the home page's children are put in the menu's order (agenda, stories,
initiatives, drop-in hours, who does what; other pages after, as they were).
Only the order of siblings changes; ids, URLs and descendants stay.
"""

from django.db import migrations
from django.db.models import CharField, Value
from django.db.models.functions import Concat, Substr

SECTION_ORDER = [
    ("agenda", "agendapage"),
    ("stories", "storyindexpage"),
    ("initiatives", "initiativeindexpage"),
    ("dropins", "dropinindexpage"),
    ("dropins", "socialmappage"),
]


def move_subtree(Page, old_path, new_path):
    Page.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1), output_field=CharField())
    )


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")

    section_types = []
    for app_label, model in SECTION_ORDER:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        section_types.append(content_type.pk if content_type else None)
    Page.objects.filter(content_type_id__in=[pk for pk in section_types if pk]).update(show_in_menus=True)

    for home in HomePage.objects.all():
        children = list(Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("path"))
        rank = {pk: index for index, pk in enumerate(section_types) if pk}
        wanted = sorted(children, key=lambda page: rank.get(page.content_type_id, len(rank)))
        if wanted == children:
            continue
        paths = [page.path for page in children]
        step = len(paths[0]) - len(home.path)
        # Through temporary paths, so no two pages ever share one.
        for index, page in enumerate(children):
            move_subtree(Page, page.path, home.path + "Z" + str(index).rjust(step - 1, "0"))
        for index, page in enumerate(children):
            move_subtree(Page, home.path + "Z" + str(index).rjust(step - 1, "0"), paths[wanted.index(page)])


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    models = [model for _app_label, model in SECTION_ORDER]
    app_labels = {app_label for app_label, _model in SECTION_ORDER}
    content_types = ContentType.objects.filter(app_label__in=app_labels, model__in=models)
    Page.objects.filter(content_type__in=content_types).update(show_in_menus=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_privacy_page"),
        ("agenda", "0002_agenda_page"),
        ("dropins", "0003_pages_workflow_and_permissions"),
        ("initiatives", "0002_initiative_index_page"),
        ("stories", "0002_story_index_page_and_editor_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

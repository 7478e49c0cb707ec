"""
The site's structure, roles and moderation, so that `migrate` alone gives a
working, safe site:

- the home page and the privacy statement;
- the groups Bewoners, Wijkprofessionals and Bewonersredactie with their page
  permissions: residents and professionals may create and submit pages but
  never publish; only the resident editors publish;
- one workflow, "Goedkeuring door de bewonersredactie", attached at the root
  of the page tree, whose only task belongs to Bewonersredactie. Wagtail's
  default "Moderators approval" workflow and its Moderators/Editors groups are
  removed so they cannot become a way around the resident editors.
"""

import uuid

from django.db import migrations

ROOT_PATH = "0001"
HOME_PATH = "00010001"

PRIVACY_BODY = """
<h2>Wat wij bewaren</h2>
<p>Wij(k) de Ruwaard bewaart zo weinig mogelijk over u.</p>
<ul>
<li>Heeft u een account? Dan bewaren wij uw gebruikersnaam, uw e-mailadres en wat u zelf instuurt.</li>
<li>Meldt u zich aan als vrijwilliger? Dan bewaren wij uw naam, uw e-mailadres en, als u dat wilt, uw telefoonnummer.
Alleen de organisator van het initiatief ziet die gegevens. Dertig dagen na de dienst wissen wij ze.</li>
<li>Klikt u op "Ik steun dit" zonder account? Dan bewaren wij niets over u.</li>
</ul>
<h2>Wat wij niet doen</h2>
<p>Wij gebruiken geen advertenties, geen volgcookies en geen diensten van andere bedrijven op deze site.
Wij zetten nooit hulpvragen of gegevens over cliënten op de site.</p>
<h2>Uw rechten</h2>
<p>Met een account kunt u onder "Mijn gegevens" alles downloaden wat wij over u bewaren.
Daar kunt u ook uw account en uw gegevens verwijderen.</p>
<h2>Vragen?</h2>
<p>Mail de redactie: <a href="mailto:redactie@wijkderuwaard.nl">redactie@wijkderuwaard.nl</a>.</p>
"""


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    HomePage = apps.get_model("home.HomePage")
    ContentPage = apps.get_model("home.ContentPage")

    # Pages: replace Wagtail's welcome page by our home page and privacy statement.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Wij(k) de Ruwaard",
        draft_title="Wij(k) de Ruwaard",
        seo_title="Wij(k) de Ruwaard: alles wat er gebeurt in de Ruwaard",
        slug="home",
        content_type=ContentType.objects.get_or_create(app_label="home", model="homepage")[0],
        path=HOME_PATH,
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        intro="<p>Alles wat er gebeurt in de Ruwaard, op één plek. Door bewoners, voor bewoners.</p>",
    )
    ContentPage.objects.create(
        title="Privacy",
        draft_title="Privacy",
        seo_title="Privacyverklaring",
        slug="privacy",
        content_type=ContentType.objects.get_or_create(app_label="home", model="contentpage")[0],
        path=HOME_PATH + "0001",
        depth=3,
        numchild=0,
        url_path="/home/privacy/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        body=PRIVACY_BODY.strip(),
    )
    Page.objects.filter(path=ROOT_PATH).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Wij(k) de Ruwaard")

    # Roles.
    models_by_app = {"wagtailcore": "page", "wagtailimages": "image", "wagtaildocs": "document", "wagtailadmin": "admin"}

    def permission(app_label, codename):
        # Permissions are normally made after all migrations; make the ones we need now.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=models_by_app[app_label])
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
        )[0]

    residents, _ = Group.objects.get_or_create(name="Bewoners")
    professionals, _ = Group.objects.get_or_create(name="Wijkprofessionals")
    editors, _ = Group.objects.get_or_create(name="Bewonersredactie")
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()

    access_admin = permission("wagtailadmin", "access_admin")
    editors.permissions.add(access_admin)
    professionals.permissions.add(access_admin)

    root = Page.objects.get(path=ROOT_PATH)
    page_permissions = {
        # "add" lets a user create pages and edit their own; only "publish" publishes.
        residents: ["add_page"],
        professionals: ["add_page"],
        editors: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_permissions.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission("wagtailcore", codename))

    root_collection = Collection.objects.get(depth=1)
    collection_permissions = {
        residents: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")],
        professionals: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")],
        editors: [
            ("wagtailimages", "add_image"),
            ("wagtailimages", "change_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
        ],
    }
    for group, codenames in collection_permissions.items():
        for app_label, codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )

    # Moderation: one workflow for the whole tree, approved by the resident editors.
    for workflow in Workflow.objects.all():
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
    GroupApprovalTask.objects.filter(active=True).update(active=False)
    task = GroupApprovalTask.objects.create(
        name="Goedkeuring bewonersredactie",
        content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        active=True,
    )
    task.groups.set([editors])
    workflow = Workflow.objects.create(name="Goedkeuring door de bewonersredactie", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

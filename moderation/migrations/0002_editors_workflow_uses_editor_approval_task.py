"""
The editors' workflow task becomes an EditorApprovalTask, in place: the same
task row (so its groups, and every task state that waits on it, stay as they
are) gets the extra table row and content type of the subclass.
"""

from django.db import migrations

WORKFLOW_NAME = "Goedkeuring door de bewonersredactie"


def promote(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    EditorApprovalTask = apps.get_model("moderation", "EditorApprovalTask")
    group_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    editor_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="editorapprovaltask")
    tasks = Task.objects.filter(content_type=group_type, workflow_tasks__workflow__name=WORKFLOW_NAME).distinct()
    for task_id in tasks.values_list("pk", flat=True):
        EditorApprovalTask(groupapprovaltask_ptr_id=task_id).save_base(raw=True, force_insert=True)
        Task.objects.filter(pk=task_id).update(content_type=editor_type)


def demote(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    EditorApprovalTask = apps.get_model("moderation", "EditorApprovalTask")
    group_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task_ids = list(EditorApprovalTask.objects.values_list("pk", flat=True))
    Task.objects.filter(pk__in=task_ids).update(content_type=group_type)
    table = schema_editor.quote_name(EditorApprovalTask._meta.db_table)
    schema_editor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_editor_task_and_notifications"),
        ("home", "0002_site_structure_roles_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(promote, demote)]

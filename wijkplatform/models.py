"""Model bases shared by the apps."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index


class ReviewedSnippet(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """
    A snippet whose changes go through the resident editors' workflow, as pages do:
    what a professional saves is a draft until an editor publishes it. The two
    generic relations are the ones Wagtail asks such snippets to declare.
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

"""Sending in a story from the site: the resident's form becomes a draft StoryPage in the editors' workflow."""

from django.utils.text import slugify
from wagtail.images import get_image_model

from stories.models import StoryIndexPage, StoryPage
from wijkplatform.moderation import submit_for_review


def unique_slug(parent, title, exclude_pk=None):
    base = slugify(title)[:60].strip("-") or "verhaal"
    taken = set(parent.get_children().exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_photo(upload, alt, title, user):
    image = get_image_model()(title=title[:255], file=upload, description=alt, uploaded_by_user=user)
    image._set_image_file_metadata()
    image.save()
    return image


def send_in_story(form, user, story=None):
    """
    Create a new story from a valid StoryForm, or change the resident's own `story`, and submit it to the editors.

    A changed story keeps the photos and quotes an editor may have added to its body; its text is replaced.
    Everything, the photo's description included, goes into the new revision: a live story stays as it is
    until an editor approves. A new photo is a new image; an image in use is never changed.
    """
    data = form.cleaned_data
    if story is None:
        index = StoryIndexPage.objects.get()
        draft = StoryPage(slug=unique_slug(index, data["title"]))
        body = form.body()
        parent = index
    else:
        draft = story.get_latest_revision_as_object()
        body = form.body() + [(block.block_type, block.value) for block in draft.body if block.block_type != "paragraph"]
        parent = None
    draft.title = data["title"]
    draft.draft_title = data["title"]
    draft.intro = data["intro"]
    draft.author_name = data["author_name"]
    draft.body = body
    alt = data.get("photo_alt", "").strip()
    if data.get("photo"):
        draft.main_image = save_photo(data["photo"], alt, data["title"], user)
    draft.main_image_alt = alt if draft.main_image_id else ""
    draft.tags.set(form.theme_names())
    submit_for_review(draft, user, parent=parent)
    return draft

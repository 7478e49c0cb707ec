"""Saving a photo that a resident uploads on the site as a Wagtail image."""

from wagtail.images import get_image_model


def save_uploaded_image(upload, *, title, alt, user):
    """A new image from `upload`, with `alt` as its description (the alt text) and its file size and hash set."""
    image = get_image_model()(title=title[:255], file=upload, description=alt[:255], uploaded_by_user=user)
    image._set_image_file_metadata()
    image.save()
    return image

"""A stored photo and its thumbnail, as every app keeps them (reports, inspections, notices): the
fields, the order and the name. Each subclass says where its files go and who may read them
(`access_anchors`, `access_files`)."""

from django.db import models


def photo_files(folder: str) -> tuple[models.ImageField, models.ImageField]:
    """The image (its size kept in `width` and `height`) and its thumbnail, under `folder`/year/month."""
    image = models.ImageField(
        upload_to=f"{folder}/%Y/%m/", width_field="width", height_field="height", db_index=True
    )
    return image, models.ImageField(upload_to=f"{folder}/%Y/%m/thumbs/", db_index=True)


class StoredPhoto(models.Model):
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.image.name

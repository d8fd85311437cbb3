"""Keep template versions and the template cache honest on every save path."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from templates_app import cache
from templates_app.models import EvictionTemplate


@receiver(pre_save, sender=EvictionTemplate)
def bump_version(sender, instance: EvictionTemplate, **kwargs) -> None:
    """A change of content, metadata or active flag is a new version."""
    if not instance.pk:
        return
    fields = ("content", "metadata", "is_active")
    old = EvictionTemplate.objects.filter(pk=instance.pk).values(*fields, "version").first()
    if old is None:
        return
    if tuple(old[f] for f in fields) != tuple(getattr(instance, f) for f in fields):
        instance.version = old["version"] + 1
    else:
        # An instance rebuilt from an old history row carries that row's version: versions
        # only go up, so an unchanged save keeps the stored one.
        instance.version = old["version"]


@receiver(post_save, sender=EvictionTemplate)
@receiver(post_delete, sender=EvictionTemplate)
def invalidate_cache(sender, instance: EvictionTemplate, **kwargs) -> None:
    # After commit, so neither level is repopulated from uncommitted data.
    transaction.on_commit(lambda: cache.invalidate(instance.state, instance.reason, instance.template_type))

"""Keep template versions and the template cache honest on every save path."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from templates_app import cache
from templates_app.models import EvictionTemplate
from templates_app.services import TEMPLATE_KEY


@receiver(pre_save, sender=EvictionTemplate)
def bump_version(sender, instance: EvictionTemplate, **kwargs) -> None:
    """A change of content, metadata or active flag is a new version. Also notes the key the
    row had, so an edit that moves it to another (state, reason, type) drops the old key."""
    if not instance.pk:
        return
    fields = ("content", "metadata", "is_active")
    old = EvictionTemplate.objects.filter(pk=instance.pk).values(*fields, *TEMPLATE_KEY, "version").first()
    if old is None:
        return
    instance._previous_key = tuple(old[f] for f in TEMPLATE_KEY)
    if tuple(old[f] for f in fields) != tuple(getattr(instance, f) for f in fields):
        instance.version = old["version"] + 1
    else:
        # An instance rebuilt from an old history row carries that row's version: versions
        # only go up, so an unchanged save keeps the stored one.
        instance.version = old["version"]


@receiver(post_save, sender=EvictionTemplate)
@receiver(post_delete, sender=EvictionTemplate)
def invalidate_cache(sender, instance: EvictionTemplate, **kwargs) -> None:
    keys = {tuple(getattr(instance, f) for f in TEMPLATE_KEY)}
    # The key it had before this save: both levels would otherwise keep serving it there.
    if previous := getattr(instance, "_previous_key", None):
        keys.add(previous)
    # After commit, so neither level is repopulated from uncommitted data.
    transaction.on_commit(lambda: _invalidate(keys))


def _invalidate(keys: set[tuple[str, str, str]]) -> None:
    for key in keys:
        cache.invalidate(*key)

"""Write a planned tree (``plans.impor.tree.RencanaTulis``) in bulk: a few queries per level.

New rows are created with ``bulk_create_with_history`` level by level (a parent gets its id
before its children are created), changed rows are written with ``bulk_update_with_history``
(only the fields that changed, plus ``versi`` so an editor holding the old page is refused),
unchanged rows are not touched: replacing a plan with the same document writes nothing and
adds no history. Rows the document no longer has are deleted, or archived when records
protect them (evidence is never destroyed), see ``remove_leftovers``.
"""

from __future__ import annotations

from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from plans.impor.bukti import protected_ids
from plans.impor.tree import LEVELS, RencanaTulis
from plans.models import RencanaAksi

BATCH = 500


def write_tree(tulis: RencanaTulis, *, rencana: RencanaAksi, user=None) -> int:
    """Create and update the planned rows under ``rencana`` (saved). Returns rows written."""
    written = 0
    for level, nodes in zip(LEVELS, tulis.nodes, strict=True):
        new = []
        for node in nodes:
            if node.baru:
                parent = node.parent.obj if node.parent else rencana
                setattr(node.obj, level.parent_field, parent)
                new.append(node.obj)
        if new:
            bulk_create_with_history(new, level.model, batch_size=BATCH, default_user=user)
        changed = [node for node in nodes if not node.baru and node.berubah]
        if changed:
            fields = sorted(set().union(*(node.berubah for node in changed)) | {"versi"})
            for node in changed:
                # A replaced row is a new version: an editor still holding the old page is
                # refused (optimistic locking, plans.editing) instead of overwriting the import.
                node.obj.versi += 1
            bulk_update_with_history(
                [node.obj for node in changed],
                level.model,
                fields,
                batch_size=BATCH,
                default_user=user,
            )
        written += len(new) + len(changed)
    return written


def remove_leftovers(tulis: RencanaTulis, *, user=None) -> tuple[int, int]:
    """Delete the rows the document no longer has; archive those that records protect.

    A row is protected when a record points at it with PROTECT, or when one of its left-over
    children is protected (deleting it would cascade to them). Returns ``(archived, deleted)``
    counted in rows at any level (deleted: the top rows of each deleted subtree).
    """
    leftovers = tulis.leftovers
    keep: list[set[int]] = [set() for _ in LEVELS]
    for depth in range(len(LEVELS) - 1, -1, -1):
        level = LEVELS[depth]
        ids = [obj.pk for obj in leftovers[depth]]
        keep[depth] |= protected_ids(level.model, ids)
        if depth:
            parent_attname = f"{level.parent_field}_id"
            left_parents = {obj.pk for obj in leftovers[depth - 1]}
            for obj in leftovers[depth]:
                parent = getattr(obj, parent_attname)
                if obj.pk in keep[depth] and parent in left_parents:
                    keep[depth - 1].add(parent)
    archived = deleted = 0
    for depth, level in enumerate(LEVELS):
        to_archive = [o for o in leftovers[depth] if o.pk in keep[depth] and not o.diarsipkan]
        for obj in to_archive:
            obj.diarsipkan = True
            obj.versi += 1
        if to_archive:
            bulk_update_with_history(
                to_archive,
                level.model,
                ["diarsipkan", "versi"],
                batch_size=BATCH,
                default_user=user,
            )
        archived += len(to_archive)
        # Only the top of each unprotected subtree: deleting it cascades to the rows below.
        doomed_parents = (
            {o.pk for o in leftovers[depth - 1] if o.pk not in keep[depth - 1]} if depth else set()
        )
        parent_attname = f"{level.parent_field}_id"
        top = [
            o.pk
            for o in leftovers[depth]
            if o.pk not in keep[depth] and getattr(o, parent_attname) not in doomed_parents
        ]
        if top:
            _delete(level.model, top)
            deleted += len(top)
    return archived, deleted


def _delete(model: type[models.Model], ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        model.objects.filter(pk__in=ids[start : start + BATCH]).delete()

"""Write a planned tree (``plans.impor.tree.RencanaTulis``) in bulk: a few queries per level.

New rows are created with ``bulk_create`` level by level (a parent gets its id before its
children are created), changed rows with ``bulk_update`` (only the fields that changed, plus
``versi`` so an editor holding the old page is refused); unchanged rows are not touched:
replacing a plan with the same document writes nothing and adds no history. Rows the document
no longer has are deleted, or archived when records protect them (evidence is never
destroyed), see ``remove_leftovers``.

History (django-simple-history) is written in bulk too: one ``INSERT … SELECT`` per level and
batch copies the rows just written into their history table, which is what
``bulk_create_with_history`` does row by row in Python (building a history instance per row
costs more than the row itself). Where the database does not return the new ids from a bulk
insert, the library's functions are used instead.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone
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
            _create(new, level.model, user)
        changed = [node for node in nodes if not node.baru and node.berubah]
        if changed:
            fields = sorted(set().union(*(node.berubah for node in changed)) | {"versi"})
            for node in changed:
                # A replaced row is a new version: an editor still holding the old page is
                # refused (optimistic locking, plans.services.guards) instead of overwriting the import.
                node.obj.versi += 1
            _update([node.obj for node in changed], level.model, fields, user)
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


def _create(objs: list[models.Model], model: type[models.Model], user) -> None:
    if not connection.features.can_return_rows_from_bulk_insert:
        bulk_create_with_history(objs, model, batch_size=BATCH, default_user=user)
        return
    model.objects.bulk_create(objs, batch_size=BATCH)
    _history_copy(model, [o.pk for o in objs], "+", user)


def _update(objs: list[models.Model], model: type[models.Model], fields: list[str], user) -> None:
    model.objects.bulk_update(objs, fields, batch_size=BATCH)
    _history_copy(model, [o.pk for o in objs], "~", user)


def _history_copy(model: type[models.Model], ids: list[int], history_type: str, user) -> None:
    """Add one history record per row ``ids`` of ``model``, copied by the database.

    The same record ``bulk_history_create`` writes: every tracked column of the row as it is
    now, ``history_date`` now, ``history_type`` ``+`` (created) or ``~`` (changed), the user,
    no change reason. Batches of ``BATCH`` ids (SQLite's parameter limit).
    """
    history = model.history.model
    quote = connection.ops.quote_name
    columns = [f.column for f in model._meta.concrete_fields]
    history_columns = {f.column for f in history._meta.concrete_fields}
    missing = set(columns) - history_columns
    if missing:  # a field history does not track: let the library do it
        bulk_update_with_history(
            list(model.objects.filter(pk__in=ids)), model, [], batch_size=BATCH, default_user=user
        )
        return
    names = ", ".join(quote(c) for c in columns)
    target = f"{names}, {quote('history_date')}, {quote('history_change_reason')}, " + (
        f"{quote('history_type')}, {quote('history_user_id')}"
    )
    # Identifiers come from the models' own metadata (quoted); every value is a parameter.
    insert = f"INSERT INTO {quote(history._meta.db_table)} ({target}) SELECT {names}, %s, NULL, %s, %s FROM {quote(model._meta.db_table)} WHERE {quote('id')} IN "  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"{insert}({marks})", [now, history_type, user_id, *batch])


def _delete(model: type[models.Model], ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        model.objects.filter(pk__in=ids[start : start + BATCH]).delete()

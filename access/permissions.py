"""Access control in one place (docs/architecture.md §3).

A role is a membership (``access.Keanggotaan``; the roles are ``access.roles.Peran``) of a user in a satker. What a role may do is the
``CAPABILITIES`` table below. Reads are scoped by ``Model.objects.for_user(user)``: a model that
belongs to a satker declares ``SATKER_PATH``, the ORM lookup from it to its ``Satker`` ("" for
``Satker`` itself), and the queryset keeps only the satkers the user can see. So another
satker's object is a 404 in every view that fetches through it; an allowed reader who lacks a
write capability gets 403 from ``require``.

Rules:
- a member of a satker (any role) sees that satker;
- a *Reviewer Provinsi* membership on a province covers the province and every satker whose
  ``induk`` is that province;
- a superuser (the system admin) sees and may do everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from access.roles import Peran

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from access.models import Satker

# Short names for the roles of ``access.roles.Peran`` (the one definition) in the table below.
OPERATOR = Peran.OPERATOR.value
KASUBBAG = Peran.KASUBBAG.value
TIM_ZI = Peran.TIM_ZI.value
REVIEWER_PROVINSI = Peran.REVIEWER_PROVINSI.value

#: action → roles allowed to perform it on a satker they are a member of.
CAPABILITIES: dict[str, frozenset[str]] = {
    "rencana.lihat": frozenset({OPERATOR, KASUBBAG, TIM_ZI, REVIEWER_PROVINSI}),
    "rencana.ubah": frozenset({OPERATOR, TIM_ZI}),
    "rencana.impor": frozenset({OPERATOR, TIM_ZI}),
    "rencana.ajukan": frozenset({OPERATOR, TIM_ZI}),
    "rencana.tinjau": frozenset({REVIEWER_PROVINSI}),
    "rencana.tetapkan": frozenset({TIM_ZI}),
    "rencana.cetak": frozenset({OPERATOR, KASUBBAG, TIM_ZI, REVIEWER_PROVINSI}),
    "bukti.lihat": frozenset({OPERATOR, KASUBBAG, TIM_ZI, REVIEWER_PROVINSI}),
    "bukti.unggah": frozenset({KASUBBAG, TIM_ZI}),
    "bukti.verifikasi": frozenset({TIM_ZI, REVIEWER_PROVINSI}),
    "monev.lihat": frozenset({OPERATOR, KASUBBAG, TIM_ZI, REVIEWER_PROVINSI}),
    "monev.tulis": frozenset({TIM_ZI}),
    "anggota.kelola": frozenset({TIM_ZI}),
    # LKE self-assessment: the unit answers, the Tim ZI submits, the province reviewer acts as
    # the TPI (internal evaluation team).
    "lke.lihat": frozenset({OPERATOR, KASUBBAG, TIM_ZI, REVIEWER_PROVINSI}),
    "lke.isi": frozenset({OPERATOR, TIM_ZI}),
    "lke.ajukan": frozenset({TIM_ZI}),
    "lke.tinjau": frozenset({REVIEWER_PROVINSI}),
}


def memberships(user) -> list[tuple[int, int | None, str]]:
    """The user's memberships as ``(satker_id, satker_induk_id, peran)``, cached on the user.

    For an authenticated user only (callers check ``is_authenticated`` first).

    Cached per user object (i.e. per request) so that scoping a page costs one query.
    """
    cached = getattr(user, "_zi_memberships", None)
    if cached is None:
        # Through the app registry, not an import: ``access.models`` imports this module.
        Keanggotaan = apps.get_model("access", "Keanggotaan")
        cached = list(
            Keanggotaan.objects.filter(user=user).values_list(
                "satker_id", "satker__induk_id", "peran"
            )
        )
        user._zi_memberships = cached
    return cached


def visible_satker_ids(user: AbstractBaseUser | AnonymousUser) -> models.Q | None:
    """A ``Q`` over ``Satker`` fields selecting the satkers ``user`` may see.

    Returns ``None`` for "everything" (superuser) and a ``Q`` that matches nothing for an
    anonymous or inactive user.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return models.Q(pk__in=[])
    # getattr: the annotation admits any user model; ours has PermissionsMixin's flag.
    if getattr(user, "is_superuser", False):
        return None
    direct: set[int] = set()
    provinces: set[int] = set()
    for satker_id, _induk, peran in memberships(user):
        direct.add(satker_id)
        if peran == REVIEWER_PROVINSI:
            provinces.add(satker_id)
    return models.Q(pk__in=sorted(direct)) | models.Q(induk_id__in=sorted(provinces))


def roles_in(user, satker: Satker) -> frozenset[str]:
    """Roles ``user`` holds for ``satker``, including the reviewer role inherited from its province."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    roles: set[str] = set()
    for satker_id, _induk, peran in memberships(user):
        if satker_id == satker.pk:
            roles.add(peran)
        elif peran == REVIEWER_PROVINSI and satker.induk_id == satker_id:
            roles.add(peran)
    return frozenset(roles)


def can(user, action: str, satker: Satker) -> bool:
    """Whether ``user`` may perform ``action`` (a key of ``CAPABILITIES``) on ``satker``.

    Raises ``KeyError`` for an unknown action, so a typo fails loudly instead of denying quietly.
    """
    allowed = CAPABILITIES[action]
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_in(user, satker) & allowed)


def require(user, action: str, satker: Satker) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless ``can(user, action, satker)``."""
    if not can(user, action, satker):
        raise PermissionDenied("Anda tidak memiliki hak untuk tindakan ini.")


def satkers_where(user, action: str) -> models.QuerySet:
    """The ``Satker`` queryset on which ``user`` may perform ``action`` (for form choices)."""
    Satker = apps.get_model("access", "Satker")
    qs = Satker.objects.for_user(user)
    if getattr(user, "is_superuser", False):
        return qs
    allowed = CAPABILITIES[action]
    ids = [s.pk for s in qs if roles_in(user, s) & allowed]
    return Satker.objects.filter(pk__in=ids)


class SatkerScopedQuerySet(models.QuerySet):
    """QuerySet with ``for_user(user)``; the model declares ``SATKER_PATH`` (see module doc)."""

    def for_user(self, user) -> SatkerScopedQuerySet:
        """Rows belonging to a satker ``user`` may see (all rows for a superuser)."""
        q = visible_satker_ids(user)
        if q is None:
            return self.all()
        # Every model using this queryset declares SATKER_PATH (an AttributeError otherwise).
        path = self.model.SATKER_PATH  # type: ignore[attr-defined]
        if not path:
            return self.filter(q)
        prefixed = _prefix_q(q, path)
        return self.filter(prefixed)


def _prefix_q(q: models.Q, path: str) -> models.Q:
    """Rewrite a ``Q`` over Satker fields to one over ``<path>__<field>``."""
    children: list[Any] = []
    for child in cast(list[Any], q.children):
        if isinstance(child, models.Q):
            children.append(_prefix_q(child, path))
        else:
            key, value = child
            children.append((f"{path}__{key}", value))
    new = models.Q()
    new.connector = q.connector
    new.negated = q.negated
    new.children = children
    return new


def satker_of(obj):
    """The ``Satker`` an object of a satker-owned model belongs to, following its ``SATKER_PATH``.

    Works for every model with ``SATKER_PATH`` (plan rows, plans, uploads, memberships, …); a
    ``Satker`` (empty path) is its own satker. One query per step not already select_related.
    Raises ``AttributeError`` for a model without ``SATKER_PATH``.
    """
    target = obj
    path = type(obj).SATKER_PATH
    for part in path.split("__") if path else []:
        target = getattr(target, part)
    return target


def get_for_user(queryset, user, **lookup):
    """The one object of ``queryset`` (a satker-scoped model or queryset) matching ``lookup``
    that ``user`` may see; ``Http404`` when there is none or it belongs to a satker out of the
    user's scope, so another satker's object is never told apart from a missing one.
    """
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc


def get_satker_for_user(user, **lookup) -> Satker:
    """The ``Satker`` matching ``lookup`` (e.g. ``kode="3319"``) that ``user`` may see, else
    ``Http404``."""
    return get_for_user(apps.get_model("access", "Satker"), user, **lookup)

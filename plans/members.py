"""Managing a satker's members (issue 4: the Tim ZI manages its satker's accounts).

Keyword-only, atomic services. A new account gets a generated password that is returned once
(the page shows it once; it is never stored in clear).
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from plans.models import Keanggotaan, Peran, Satker
from zona_integritas.permissions import require

#: 14 characters from letters and digits without look-alikes (0/O, 1/l/I): ~80 bits.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def password_baru(length: int = 14) -> str:
    """A random password for a new account, easy to read aloud (no 0/O/1/l/I)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def peran_sah(satker: Satker, peran: str) -> None:
    """Raise ``ValidationError`` when ``peran`` is unknown or does not fit the satker's level.

    The province reviewer role is held on a province (it covers that province's satkers).
    """
    if peran not in Peran.values:
        raise ValidationError(
            f"Peran \u201c{peran}\u201d tidak dikenal; pilih salah satu: {', '.join(Peran.values)}."
        )
    if peran == Peran.REVIEWER_PROVINSI and satker.jenis != Satker.Jenis.PROVINSI:
        raise ValidationError(
            f"Peran Reviewer Provinsi hanya untuk satker provinsi, bukan {satker}."
        )


@transaction.atomic
def anggota_tambah(
    *, satker: Satker, user, username: str, peran: str, nama: str = "", email: str = ""
) -> tuple[Keanggotaan, str | None]:
    """Give ``username`` the role ``peran`` in ``satker``, creating the account if needed.

    Returns ``(keanggotaan, password)`` where ``password`` is the generated password of a new
    account (``None`` for an existing one). Raises ``PermissionDenied`` without
    ``anggota.kelola`` on ``satker``; ``ValidationError`` for a bad role or an existing
    membership.
    """
    require(user, "anggota.kelola", satker)
    peran_sah(satker, peran)
    User = get_user_model()
    account = User.objects.filter(username__iexact=username).first()
    password = None
    if account is None:
        first, _, last = (nama or "").strip().partition(" ")
        password = password_baru()
        account = User.objects.create_user(
            username=username, email=email, password=password, first_name=first, last_name=last
        )
    if Keanggotaan.objects.filter(user=account, satker=satker, peran=peran).exists():
        raise ValidationError(
            f"{account.get_username()} sudah menjadi {Peran(peran).label} di {satker}."
        )
    keanggotaan = Keanggotaan.objects.create(user=account, satker=satker, peran=peran)
    if peran == Peran.TIM_ZI and not account.is_staff:
        # The Tim ZI administers its satker, also in the (scoped) admin.
        account.is_staff = True
        account.save(update_fields=["is_staff"])
    return keanggotaan, password


@transaction.atomic
def anggota_hapus(*, keanggotaan: Keanggotaan, user) -> None:
    """Remove a membership. The account stays (it may belong to other satkers).

    Refused (``ValidationError``) for the last Tim ZI of the satker: nobody could manage the
    satker's members any more.
    """
    require(user, "anggota.kelola", keanggotaan.satker)
    if keanggotaan.peran == Peran.TIM_ZI:
        others = (
            Keanggotaan.objects.select_for_update()
            .filter(satker=keanggotaan.satker, peran=Peran.TIM_ZI)
            .exclude(pk=keanggotaan.pk)
        )
        if not others.exists():
            raise ValidationError(
                "Ini anggota Tim ZI terakhir satker ini; tambahkan anggota Tim ZI lain "
                "sebelum menghapusnya."
            )
    keanggotaan.delete()

"""Managing a satker's members (the Tim ZI manages its satker's accounts).

Keyword-only, atomic services. A new account gets a generated password that is returned once
(the page shows it once; it is never stored in clear).
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from access.accounts import wajibkan_ganti_sandi
from access.models import Keanggotaan, Peran, Satker
from access.permissions import require

#: Roles a satker's Tim ZI may grant on its own satker. A province role reaches every satker
#: of the province, so only the system admin grants it.
PERAN_SATKER = (Peran.OPERATOR, Peran.KASUBBAG, Peran.TIM_ZI)

#: The one answer to a username a satker account may not use for a new member: the same
#: whether the name is taken by an account of another satker or not allowed otherwise, so
#: the member page cannot be used to find out which accounts exist elsewhere.
NAMA_TIDAK_TERSEDIA = (
    "Nama pengguna \u201c{username}\u201d tidak dapat dipakai di sini. Untuk akun baru, pilih "
    "nama pengguna lain; akun yang sudah terdaftar di satker lain hanya dapat ditambahkan "
    "oleh admin sistem."
)


def _admin_sistem(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def peran_boleh_diberikan(user) -> tuple[str, ...]:
    """The roles ``user`` (who manages a satker's members) may grant: every role for the
    system admin, ``PERAN_SATKER`` for a Tim ZI."""
    return tuple(Peran.values) if _admin_sistem(user) else tuple(PERAN_SATKER)


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
    account (``None`` for an existing one); a new account must change it at its first login
    (someone else has seen it). Raises ``PermissionDenied`` without ``anggota.kelola`` on
    ``satker``; ``ValidationError`` for a bad role, a role beyond ``peran_boleh_diberikan``,
    an existing membership, or (for anyone but the system admin) an existing account that is
    not yet a member of ``satker`` (``NAMA_TIDAK_TERSEDIA``, which does not say whether it
    exists).
    """
    require(user, "anggota.kelola", satker)
    peran_sah(satker, peran)
    if peran not in peran_boleh_diberikan(user):
        raise ValidationError(
            f"Peran {Peran(peran).label} hanya dapat diberikan oleh admin sistem."
        )
    User = get_user_model()
    account = User.objects.filter(username__iexact=username).first()
    if (
        account is not None
        and not _admin_sistem(user)
        and not Keanggotaan.objects.filter(user=account, satker=satker).exists()
    ):
        raise ValidationError(NAMA_TIDAK_TERSEDIA.format(username=username))
    password = None
    if account is None:
        first, _, last = (nama or "").strip().partition(" ")
        password = password_baru()
        account = User.objects.create_user(
            username=username, email=email, password=password, first_name=first, last_name=last
        )
        wajibkan_ganti_sandi(account)
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

    Refused (``ValidationError``) for the last Tim ZI of the satker (nobody could manage the
    satker's members any more) and for a role only the system admin grants.
    """
    require(user, "anggota.kelola", keanggotaan.satker)
    if keanggotaan.peran not in peran_boleh_diberikan(user):
        raise ValidationError(
            f"Peran {keanggotaan.get_peran_display()} hanya dapat dicabut oleh admin sistem."
        )
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

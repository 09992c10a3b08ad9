"""Template filters of the LKE pages."""

from __future__ import annotations

from django import template

register = template.Library()

AKRONIM = {"SDM", "SOP", "SPBE", "SPIP", "LHKPN", "WBK", "WBBM", "TPI", "ZI", "IPAK", "IPKP"}
KECIL = {"DAN", "YANG", "DI", "KE", "DARI", "ATAU", "UNTUK", "DENGAN", "TERHADAP"}


@register.filter
def judul(text: str) -> str:
    """Master names in upper case as readable titles, acronyms kept.

    ``"Area PENATAAN SISTEM MANAJEMEN SDM APARATUR"`` → ``"Area Penataan Sistem Manajemen SDM
    Aparatur"``; words not in upper case are left as they are.
    """
    words = []
    for i, word in enumerate(str(text).split(" ")):
        bare = word.strip("(),.")
        if bare in AKRONIM or not bare.isupper():
            words.append(word)
        elif bare in KECIL and i > 0:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)

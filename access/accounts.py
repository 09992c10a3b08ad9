"""Accounts: the login form, changing one's password, and the forced change at first login.

A password someone else has seen (generated on the member page, printed by ``import_users``,
set by the system admin) is a shared secret until its owner replaces it. Such accounts carry a
``access.WajibGantiSandi`` row; ``WajibGantiSandiMiddleware`` sends them to the password page
on every request until they change it, and ``GantiSandiView`` (Django's
``PasswordChangeView``, applying ``AUTH_PASSWORD_VALIDATORS``) removes the row.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy

#: Session key caching whether the signed-in user must change their password (one query per
#: session instead of one per request).
SESSION_KEY = "zi_wajib_ganti_sandi"


def wajibkan_ganti_sandi(user) -> None:
    """Mark ``user`` as having to change their password at the next request (idempotent)."""
    from access.models import WajibGantiSandi

    WajibGantiSandi.objects.get_or_create(user=user)


def wajib_ganti_sandi(user) -> bool:
    """Whether ``user`` still has to replace a password someone else has seen."""
    from access.models import WajibGantiSandi

    return WajibGantiSandi.objects.filter(user=user).exists()


def catat_wajib_ganti_sandi(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: remember in the session whether a change is due."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = wajib_ganti_sandi(user)


class LoginForm(AuthenticationForm):
    """Django's login form with a correct Indonesian error (the stock translation repeats
    the field label: "Masukkan nama pengguna nama pengguna dan sandi ...")."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Nama pengguna atau kata sandi salah. Perhatikan bahwa keduanya membedakan huruf "
            "besar dan kecil."
        ),
        "inactive": "Akun ini tidak aktif. Hubungi admin sistem.",
    }


class GantiSandiView(auth_views.PasswordChangeView):
    """Every signed-in user changes their password here; clears the forced-change mark."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wajib"] = self.request.session.get(SESSION_KEY, False)
        return context

    def form_valid(self, form):
        from access.models import WajibGantiSandi

        response = super().form_valid(form)
        WajibGantiSandi.objects.filter(user=self.request.user).delete()
        self.request.session[SESSION_KEY] = False
        messages.success(self.request, "Kata sandi Anda telah diganti.")
        return response


class GantiSandiSelesaiView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class WajibGantiSandiMiddleware:
    """Send a user who must change their password to the password page, whatever they open.

    Allowed meanwhile: the password pages themselves, logging out and static files. Placed
    after the session and authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._due(request, user):
            allowed = (
                reverse("password_change"),
                reverse("password_change_done"),
                reverse("logout"),
            )
            from django.conf import settings

            static = "/" + settings.STATIC_URL.lstrip("/")
            if request.path not in allowed and not request.path.startswith(static):
                messages.warning(
                    request,
                    "Kata sandi akun Anda dibuat oleh orang lain; ganti dengan kata sandi "
                    "pilihan Anda sebelum melanjutkan.",
                )
                return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _due(request, user) -> bool:
        cached = request.session.get(SESSION_KEY)
        if cached is None:
            cached = wajib_ganti_sandi(user)
            request.session[SESSION_KEY] = cached
        return cached

from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Access control below every app: satkers, memberships, roles, the permission rules, the
    admin scoping and the forced password change (docs/architecture.md §3)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "access"
    verbose_name = "Akses"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from access.accounts import catat_wajib_ganti_sandi

        # At login, not on every request: the forced password change costs one query per
        # session.
        user_logged_in.connect(catat_wajib_ganti_sandi, dispatch_uid="zi_wajib_ganti_sandi")

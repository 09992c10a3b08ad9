from django.apps import AppConfig


class ZonaIntegritasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zona_integritas"
    verbose_name = "Zona Integritas"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from zona_integritas.accounts import catat_wajib_ganti_sandi

        # At login, not on every request: the forced password change costs one query per
        # session.
        user_logged_in.connect(catat_wajib_ganti_sandi, dispatch_uid="zi_wajib_ganti_sandi")

from django.apps import AppConfig


class ZonaIntegritasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "zona_integritas"
    verbose_name = "Zona Integritas"

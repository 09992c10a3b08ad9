from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = "Rencana Aksi"

    def ready(self) -> None:
        # Row writes bump the plan's content version (cheap ETag of the printed SK).
        from plans import versi

        versi.connect()

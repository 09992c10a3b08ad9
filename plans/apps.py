from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = "Rencana Aksi"

    def ready(self) -> None:
        # Row writes bump the plan's content version (cheap ETag of the printed SK).
        from jobs.handlers import register_handler
        from plans import jobs, versi

        versi.connect()
        # Large prints and imports run in the task worker (jobs imports no app above it).
        register_handler("sk_pdf", jobs.sk_pdf)
        register_handler("impor_lampiran", jobs.impor_lampiran)

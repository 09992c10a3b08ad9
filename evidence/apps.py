from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = "Bukti Fisik"

    def ready(self) -> None:
        from evidence import jobs
        from jobs.handlers import register_handler

        register_handler("paket_bukti", jobs.paket_bukti)
        # Our per-plan page appears as a tab on the plan page (plans does not import us).
        from plans.tabs import RencanaTab, register_rencana_tab

        register_rencana_tab(
            RencanaTab(
                key="bukti",
                label="Bukti fisik",
                url_name="evidence:rencana_bukti",
                icon="bi-folder-check",
                capability="bukti.lihat",
                order=10,
            )
        )

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Monitoring dan Evaluasi"

    def ready(self) -> None:
        from jobs.handlers import register_handler
        from monitoring import jobs

        register_handler("monev_pdf", jobs.monev_pdf)
        # Our per-plan page appears as a tab on the plan page (plans does not import us).
        from plans.tabs import RencanaTab, register_rencana_tab

        register_rencana_tab(
            RencanaTab(
                key="monev",
                label="Monev triwulan",
                url_name="monitoring:monev_list",
                icon="bi-clipboard-data",
                capability="monev.lihat",
                order=20,
            )
        )

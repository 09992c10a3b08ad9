from django.apps import AppConfig


class LkeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lke"
    verbose_name = "Lembar Kerja Evaluasi"

    def ready(self) -> None:
        # Our per-plan page appears as a tab on the plan page (plans does not import us).
        from plans.tabs import RencanaTab, register_rencana_tab

        register_rencana_tab(
            RencanaTab(
                key="lke",
                label="Soal LKE",
                url_name="lke:rencana_lke",
                icon="bi-ui-checks-grid",
                capability="lke.lihat",
                order=30,
            )
        )

"""Printable reports of the plans app (the SK with its Lampiran)."""

from __future__ import annotations

from plans.reports.sk import KERTAS, TATA_LETAK, SkReport

__all__ = ["KERTAS", "TATA_LETAK", "SkReport"]

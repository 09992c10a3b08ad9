"""Writing an imported lampiran into a plan: plan the tree (``tree``), write it in bulk
(``apply``), and account for the evidence a replacing import would hide (``bukti``).

The public entry point is ``plans.services.importing.lampiran_import``; these modules are its parts.
"""

"""Every write of the plans app, one module per concern; reads live in ``plans.selectors``.

- ``importing``: an SK lampiran written as a plan (``lampiran_impor``, ``lampiran_import``);
- ``guards``: who may edit a plan now (``ensure_can_edit``), optimistic locking
  (``claim_version``, ``VersionConflict``), the editor's level table (``TINGKAT``);
- ``rows``: add, edit, delete and reorder rows, save the SK text;
- ``copying``: create a plan (empty or copied) and new revisions;
- ``workflow``: the review transitions draf → diajukan → disetujui | dikembalikan → ditetapkan;
- ``restore``: a plan's history and the restore of deleted rows;
- ``spreadsheet``: the plan's rows from an XLSX sheet (django-import-export resource);
- ``members``: a satker's members.

Conventions (docs/architecture.md §4): public writes are keyword-only, named
``<noun>_<verb>`` (``baris_simpan``, ``rencana_ajukan``, ``anggota_tambah``) and atomic.

Permission policy: **services check**. Every public write takes ``user`` keyword-only and
calls ``access.permissions.require`` (or ``guards.ensure_can_edit``, which does)
before writing, raising ``PermissionDenied``; views fetch objects through ``for_user`` (404 for
another satker) and rely on the service for the write. A view still checks the capability of
the *page* it shows (the form of a write the user may not make is a 403 on GET, and an empty
or malformed POST is a 403 too, not a form error), never instead of the service. Two documented exceptions take no
``user`` because their caller is not a request: ``importing.lampiran_impor`` (the import view
checks ``rencana.impor`` on the satker the document resolves to, the command runs as the
operator of the machine) and ``copying.revisi_bawa_bukti`` (called inside
``workflow.rencana_tetapkan``, which checked ``rencana.tetapkan``).
"""

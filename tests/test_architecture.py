"""Architecture rules checked on the source text (docs/architecture.md §2).

The plan tree is declared once in ``plans.tree``: an ORM lookup that walks it (two or more of
its field names in a row, e.g. indikator then komponen, inside a chain of three or more steps)
is derived there, never written by hand, so renaming or adding a level changes one file.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

from django.conf import settings

from plans import tree

#: Every field name a walk through the tree steps on: the FK up, the related name down, the
#: plan's areas and the plan → satker step. Read from ``plans.tree`` so the rule cannot go stale.
TREE_FIELDS = frozenset(
    {level.parent_field for level in tree.LEVELS}
    | {level.children for level in tree.LEVELS if level.children}
    | {tree.AREAS, tree.RENCANA_FIELD, tree.SATKER_FIELD}
)
#: A run of identifiers joined by double underscores (one or more joins).
CHAIN = re.compile(r"\w+(?:__\w*)+")
#: Directories never scanned: the virtualenv and tool caches (hidden), generated migrations.
SKIPPED_DIRS = {"migrations", "node_modules", "staticfiles", "__pycache__"}
ALLOWED = Path("plans") / "tree.py"


def _tree_step(part: str) -> bool:
    return part.removesuffix("_id") in TREE_FIELDS


def walks_tree(chain: str) -> bool:
    """True when ``chain`` (``a__b__c``) has 3+ steps of which two in a row are tree fields."""
    parts = chain.split("__")
    if len(parts) < 3:
        return False
    return any(_tree_step(a) and _tree_step(b) for a, b in itertools.pairwise(parts))


def _python_files(root: Path):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
        for name in files:
            if name.endswith(".py"):
                yield Path(folder) / name


def hand_written_chains(root: Path) -> list[str]:
    """``path:line: chain`` for every tree-walking chain in the .py files under ``root``
    outside ``plans/tree.py`` (migrations and hidden directories skipped)."""
    found = []
    for path in sorted(_python_files(root)):
        rel = path.relative_to(root)
        if rel == ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{rel}:{number}: {m}" for m in CHAIN.findall(line) if walks_tree(m)]
    return found


def test_the_rule_sees_a_tree_walk_and_ignores_other_lookups():
    up = "__".join([tree.LEVELS[2].parent_field, tree.LEVELS[1].parent_field, "urutan"])
    assert walks_tree(up)
    assert walks_tree(tree.lookup("bukti", "rencana"))
    assert walks_tree(tree.path_down("bukti"))
    assert walks_tree("__".join(["", tree.RENCANA_FIELD, tree.SATKER_FIELD + "_id"]))
    assert not walks_tree("created__date__gte")
    assert not walks_tree("__".join([tree.SATKER_FIELD, "wilayah", "icontains"]))
    assert not walks_tree("__".join([tree.RENCANA_FIELD, tree.SATKER_FIELD]))


def test_no_hand_written_chain_through_the_plan_tree():
    found = hand_written_chains(Path(settings.BASE_DIR))
    assert not found, "Jalur pohon rencana ditulis tangan; turunkan dari plans.tree:\n" + "\n".join(
        found
    )

"""Static files storage for production: whitenoise's compressed manifest storage.

The vendored minified libraries (``static/vendor/``) end with ``sourceMappingURL`` comments
naming ``.map`` files that are not shipped; Django's manifest storage would rewrite those
references and stops ``collectstatic`` when the map is missing. Only the source-map rules are
dropped here: ``url()`` and ``@import`` in CSS are still rewritten to hashed names.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns: tuple) -> tuple:
    def keep(rule) -> bool:
        text = rule if isinstance(rule, str) else rule[0]
        return "sourceMappingURL" not in text

    kept = ((ext, tuple(r for r in rules if keep(r))) for ext, rules in patterns)
    return tuple((ext, rules) for ext, rules in kept if rules)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, gzip/brotli-compressed static files; source-map comments are left as they are."""

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)

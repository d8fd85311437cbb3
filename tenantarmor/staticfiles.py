"""Static files storage for production: whitenoise's compressed, hashed-name storage.

Django's manifest storage rewrites `//# sourceMappingURL=...` comments in JavaScript and
fails `collectstatic` when the map is missing. Vendored minified libraries (Chart.js) ship
the comment without the map, so JavaScript source maps are not rewritten here: browsers
simply find no map. CSS `url()`/`@import` references are still hashed and checked.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(entry for entry in HashedFilesMixin.patterns if entry[0] != "*.js")

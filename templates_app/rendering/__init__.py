"""Safe rendering of staff-edited templates.

Templates use `$name` / `${name}` and `$$` for a literal dollar sign (string.Template
semantics), restricted to the names in `PLACEHOLDERS`. Values are converted to plain strings
before substitution, and the syntax has no attribute, index or call access, so a template
author cannot reach Python objects (reliability-security.md §3.5: no str.format, no Django
templates for staff-edited text). Pure: no ORM, no network.

- `placeholders`: the allow-list of names (and which hold money or dates);
- `formatting`: a value -> the plain text a tenant reads;
- `engine`: placeholder syntax: find, validate, substitute;
- `labels` and `context`: an analysis result -> every placeholder's text.

Callers import from this package; it re-exports exactly the names the application uses
(tests of one part import from that module).
"""

from templates_app.rendering.context import build_render_context
from templates_app.rendering.engine import template_render, template_validate
from templates_app.rendering.formatting import TemplateRenderError
from templates_app.rendering.placeholders import PLACEHOLDERS

__all__ = [
    "PLACEHOLDERS",
    "TemplateRenderError",
    "build_render_context",
    "template_render",
    "template_validate",
]

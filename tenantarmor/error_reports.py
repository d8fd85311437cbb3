"""Error reports (500 e-mails, debug pages) without personal data.

Django's SafeExceptionReporterFilter masks only settings that look like secrets and the
parameters a view marks with `sensitive_post_parameters`. Our admin forms carry notice text,
tenant names and addresses, so every POST value is masked, and frame variables of our own
modules are masked too (a traceback from the parser or the pipeline would otherwise print
the notice it was handling). Django's and third-party frames keep their variables.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.apps import apps
from django.views.debug import SafeExceptionReporterFilter

from tenantarmor.env import BASE_DIR


@cache
def our_modules() -> frozenset[str]:
    """Top-level packages of this project: every installed app that lives in the checkout
    (not in site-packages), plus the settings package. Derived, so a new app is covered."""
    ours = {"tenantarmor"}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(BASE_DIR) and "site-packages" not in path.parts:
            ours.add(config.name.split(".")[0])
    return frozenset(ours)


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        module = tb_frame.f_globals.get("__name__", "")
        if module.split(".")[0] in our_modules():
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)

    def is_active(self, request):
        return True  # mask even with DEBUG on: local debug pages show real uploads too

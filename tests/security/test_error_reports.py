"""500 reports (admin e-mails, debug pages) mask POST values and our frames' variables."""

import sys

import pytest
from django.test import RequestFactory, override_settings
from django.views.debug import ExceptionReporter, get_default_exception_reporter_filter

from templates_app.rendering import TemplateRenderError, template_render

# Built at run time so the report's source-context lines (of this file) cannot contain it.
SECRET_TEXT = ", ".join(["Tenant A. " + "Sample", "100 Example " + "St"])
FILTER = "tenantarmor.error_reports.PersonalDataReporterFilter"


@pytest.fixture(autouse=True)
def _fresh_filter():
    get_default_exception_reporter_filter.cache_clear()  # Django caches the filter instance
    yield
    get_default_exception_reporter_filter.cache_clear()


def report_for(request) -> str:
    try:
        template_render(f"Dear {SECRET_TEXT} $unknown_placeholder", {"tenant_name": SECRET_TEXT})
    except TemplateRenderError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        return reporter.get_traceback_text() + reporter.get_traceback_html()
    raise AssertionError("expected TemplateRenderError")


@pytest.mark.parametrize("debug", [False, True])
def test_report_masks_post_values_and_our_locals(debug, settings):
    settings.DEBUG = debug
    request = RequestFactory().post("/admin/templates_app/evictiontemplate/add/", {"content": SECRET_TEXT})
    with override_settings(DEFAULT_EXCEPTION_REPORTER_FILTER=FILTER):
        report = report_for(request)
    assert "TemplateRenderError" in report and "content" in report  # the report is still useful
    assert SECRET_TEXT not in report


def test_django_default_filter_would_leak_it():
    """Why the custom filter exists: the default shows POST bodies and frame locals."""
    request = RequestFactory().post("/x/", {"content": SECRET_TEXT})
    assert SECRET_TEXT in report_for(request)


def test_every_project_app_has_its_frames_masked():
    """A crash inside any of our apps (e.g. ingestion's API-token code) must not print its
    locals; the list is derived from INSTALLED_APPS, so a new app cannot be forgotten."""
    from tenantarmor.error_reports import our_modules

    assert {"batches", "templates_app", "ingestion", "tenantarmor"} <= our_modules()
    assert not {"django", "django_q", "axes", "simple_history"} & our_modules()

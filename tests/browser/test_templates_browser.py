"""Template editing in a real browser (headless Debian chromium): edit a template, see the
diff in its history, open the coverage matrix, preview a template.

The shared browser fixtures (tests/browser/conftest.py) were not there when this was written,
so this module starts its own browser and logs in itself; fixture names are prefixed `tpl_`
so they cannot clash with the shared ones.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "browser-test-password"  # noqa: S105 - a throwaway user in the test database


@pytest.fixture
def tpl_editor(transactional_db):
    from django.contrib.auth.models import Group, User

    from templates_app.access import staff_groups_setup
    from templates_app.defaults.state_rules import STATE_RULES
    from templates_app.defaults.templates import DEFAULT_TEMPLATES
    from templates_app.services import rules_load_defaults, templates_load_defaults

    templates_load_defaults(templates=DEFAULT_TEMPLATES)
    rules_load_defaults(rules=STATE_RULES)
    staff_groups_setup()
    user = User.objects.create_user(username="editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="template editors"))
    return user


@pytest.fixture
def tpl_page(live_server, tpl_editor, tmp_path, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between page actions are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", tpl_editor.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.base = live_server.url
        page.shots = tmp_path
        try:
            yield page
        finally:
            browser.close()


@contextmanager
def screenshot_on_failure(page, name: str):
    try:
        yield
    except BaseException:
        out = Path(page.shots) / f"{name}.png"
        page.screenshot(path=str(out), full_page=True)
        print(f"screenshot: {out}")
        raise


def test_edit_diff_coverage_and_preview(tpl_page):
    from playwright.sync_api import expect

    from templates_app.models import EvictionTemplate

    page = tpl_page
    template = EvictionTemplate.objects.get(state="CA", reason="non-payment", template_type="response")
    change = f"{page.base}/admin/templates_app/evictiontemplate/{template.pk}/change/"

    with screenshot_on_failure(page, "edit"):
        page.goto(change)
        editor = page.locator("#id_content")
        editor.fill(editor.input_value() + "\nBrowser edit for ${tenant_name}.")
        page.fill("#id_change_note", "Browser test edit")
        page.click("input[name=_save]")
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        template.refresh_from_db()
        assert template.version == 2

    with screenshot_on_failure(page, "history-diff"):
        page.goto(f"{page.base}/admin/templates_app/evictiontemplate/{template.pk}/history/")
        expect(page.locator("#change-history")).to_contain_text("Browser test edit")
        page.locator("a", has_text="diff with previous").first.click()
        expect(page.locator("#diff-content .add").last).to_contain_text("Browser edit for ${tenant_name}.")

    with screenshot_on_failure(page, "coverage"):
        page.goto(f"{page.base}/admin/templates_app/evictiontemplate/")
        page.click("text=Coverage matrix")
        expect(page.locator('[data-cell="CA:non-payment:response"]')).to_have_class("ta-cell ta-own")
        expect(page.locator('[data-cell="WA:non-payment:response"]')).to_have_attribute("data-kind", "general-reason")

    with screenshot_on_failure(page, "preview"):
        page.goto(change)
        page.locator("#id_content").fill("PREVIEW ONLY: ${tenant_names} owes ${amount_due}.")
        page.select_option("#preview-sample", "s01-ca-nonpay-clean")
        page.click("#preview-button")
        expect(page.locator("#preview-output")).to_contain_text("PREVIEW ONLY: Tenant A. Sample")
        expect(page.locator("#preview-output")).to_contain_text("$2,150.00")
        template.refresh_from_db()
        assert template.version == 2 and "PREVIEW ONLY" not in template.content

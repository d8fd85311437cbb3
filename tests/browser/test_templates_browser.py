"""Template editing in a real browser (headless Debian chromium, the shared `product`
fixtures of tests/browser/conftest.py): a template editor logs in, edits a template, sees
the diff in its history, opens the coverage matrix and previews a template.

The edited template (TX lease-violation response) is one no other browser test uses. The
test process does not use the ORM: data is read through `product.shell`.
"""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import login

EDITOR, EDITOR_PASSWORD = "browser-editor", "Editor-Sample-Pass-42"  # throwaway test database only
KEY = {"state": "TX", "reason": "lease-violation", "template_type": "response"}


def _template_state(product) -> dict:
    code = (
        "import json; from templates_app.models import EvictionTemplate as T; "
        f"t = T.objects.get(**{KEY!r}); "
        "print(json.dumps({'id': t.pk, 'version': t.version, 'content': t.content}))"
    )
    return json.loads(product.shell(code).strip().splitlines()[-1])


def _make_editor(product) -> None:
    product.manage("setup_staff_groups")
    product.shell(
        "from django.contrib.auth.models import Group, User\n"
        f"u, _ = User.objects.get_or_create(username={EDITOR!r}, defaults={{'is_staff': True}})\n"
        f"u.is_staff = True; u.set_password({EDITOR_PASSWORD!r}); u.save()\n"
        "u.groups.add(Group.objects.get(name='template editors'))\n"
    )


def test_edit_diff_coverage_and_preview(product, page):
    _make_editor(product)
    page.set_default_timeout(20_000)
    login(page, EDITOR, EDITOR_PASSWORD)
    before = _template_state(product)
    change = f"/admin/templates_app/evictiontemplate/{before['id']}/change/"

    # Edit with a change note; the version goes up.
    page.goto(change)
    editor = page.locator("#id_content")
    editor.fill(editor.input_value() + "\nBrowser edit for ${tenant_name}.")
    page.fill("#id_change_note", "Browser test edit")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    after = _template_state(product)
    assert after["version"] == before["version"] + 1

    # The history says who and why, and the diff shows the added line.
    page.goto(f"/admin/templates_app/evictiontemplate/{before['id']}/history/")
    expect(page.locator("#change-history")).to_contain_text("Browser test edit")
    expect(page.locator("#change-history")).to_contain_text(EDITOR)
    page.locator("a", has_text="diff with previous").first.click()
    expect(page.locator("#diff-content .add").last).to_contain_text("Browser edit for ${tenant_name}.")

    # Coverage: TX has its own lease-violation letter; WA falls back to general + reason.
    page.goto("/admin/templates_app/evictiontemplate/")
    page.click("text=Coverage matrix")
    expect(page.locator('[data-cell="TX:lease-violation:response"]')).to_have_attribute("data-kind", "own")
    expect(page.locator('[data-cell="WA:non-payment:response"]')).to_have_attribute("data-kind", "general-reason")

    # Preview unsaved text against a sample notice; nothing is saved.
    page.goto(change)
    page.locator("#id_content").fill("PREVIEW ONLY: ${tenant_names} owes ${amount_due}.")
    page.select_option("#preview-sample", "s01-ca-nonpay-clean")
    page.click("#preview-button")
    expect(page.locator("#preview-output")).to_contain_text("PREVIEW ONLY: Tenant A. Sample")
    expect(page.locator("#preview-output")).to_contain_text("$2,150.00")
    assert _template_state(product) == after

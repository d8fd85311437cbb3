"""Eviction templates (response letters, court/legal-aid meta, analysis prompts) and the
state notice rules the compliance check reads. The admin is the UI, so every field
says what it means."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from batches.analysis.schema import DAY_COUNTING, REASONS

GENERAL = "general"

US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split()

STATE_CHOICES = [(GENERAL, "General (all states)")] + [(code, code) for code in US_STATES]
REASON_CHOICES = [(GENERAL, "General (any reason)")] + [(r, r) for r in REASONS]
DAY_COUNTING_CHOICES = [(d, d) for d in DAY_COUNTING]
# A disputed counting may also be weekdays only (weekends excluded, holidays counted: OH 1923.04).
ALT_DAY_UNIT_CHOICES = [*DAY_COUNTING_CHOICES, ("weekdays", "weekdays (weekends excluded, holidays counted)")]


def _default_checksum_field() -> models.CharField:
    """The same bookkeeping field on templates and rules: load_default_templates reads it on both."""
    return models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="Fingerprint of the shipped default this row was last loaded from (for a staff edit: last "
        "reviewed against, load_default_templates --reviewed); blank for rows staff created. While the row "
        "still matches it, load_default_templates may upgrade it to a newer default; a staff edit is kept.",
    )


class TemplateType(models.TextChoices):
    RESPONSE = "response", "Response letter"
    META = "meta", "Court instructions & legal aid"
    PROMPT = "prompt", "Analysis prompt"


class EvictionTemplate(models.Model):
    """One template for a (state, reason, type). `version` rises on every content change;
    results record the version they were rendered with."""

    state = models.CharField(
        max_length=7,
        choices=STATE_CHOICES,
        help_text="USPS state code, or 'general' for the fallback used when a state has none.",
    )
    reason = models.CharField(
        max_length=32,
        choices=REASON_CHOICES,
        help_text="Eviction reason this template answers, or 'general' for any reason.",
    )
    template_type = models.CharField(
        max_length=16,
        choices=TemplateType.choices,
        help_text="'response': letter/guidance for the tenant; 'meta': court instructions and "
        "legal-aid contacts; 'prompt': instructions for the LLM analyzer.",
    )
    title = models.CharField(max_length=200, blank=True, help_text="Short human title shown in lists.")
    content = models.TextField(
        help_text="Template text. Placeholders use $name or ${name}; only the names listed under "
        "'Available placeholders' are allowed. Write $$ for a literal dollar sign."
    )
    metadata = models.JSONField(
        default=dict,
        blank=True,
        help_text='Structured extras, e.g. {"legalAidContacts": [{"name", "phone", "url"}], '
        '"courtName": ...} for meta templates.',
    )
    is_active = models.BooleanField(
        default=True, help_text="Inactive templates are ignored and the fallback chain is used."
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Increases by one on every saved change of content or metadata."
    )
    default_checksum = _default_checksum_field()
    updated_at = models.DateTimeField(auto_now=True, help_text="When this template was last saved.")
    # Every save is a historical row (who, when, what): the diff/revert views and version
    # pinning read old versions from it. The loader's bookkeeping checksum is not content.
    history = HistoricalRecords(excluded_fields=["updated_at", "default_checksum"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["state", "reason", "template_type"], name="uniq_template_state_reason_type")
        ]
        ordering = ["state", "reason", "template_type"]
        indexes = [models.Index(fields=["state", "is_active"])]

    def __str__(self) -> str:
        return f"{self.state}/{self.reason}/{self.template_type} v{self.version}"

    @property
    def cache_key(self) -> str:
        return f"template:{self.state}:{self.reason}:{self.template_type}"


class StateNoticeRule(models.Model):
    """The statutory minimum for one (state, reason), as data with a citation. Rules change
    with the law: a new row with a later `effective_date` supersedes the old one for notices
    dated on or after it. Not legal advice: uncertain rules carry `needs_review`."""

    state = models.CharField(max_length=2, choices=[(c, c) for c in US_STATES], help_text="USPS state code.")
    reason = models.CharField(max_length=32, choices=[(r, r) for r in REASONS], help_text="Eviction reason.")
    min_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Minimum notice period in `day_unit`s. Empty when the state requires no notice "
        "for this reason or no fixed period exists (see notes).",
    )
    day_unit = models.CharField(
        max_length=10,
        choices=DAY_COUNTING_CHOICES,
        default="calendar",
        help_text="How the period is counted: calendar days, court days (no weekends/judicial "
        "holidays), business days, hours, or months.",
    )
    tenancy_tiers = models.JSONField(
        default=list,
        blank=True,
        help_text='Longer periods by tenancy length: [{"minTenancyMonths": 12, "minDays": 60}, ...]. '
        "The highest tier the tenancy reaches applies; `min_days` applies below the first tier.",
    )
    cure_allowed = models.BooleanField(
        null=True, blank=True, help_text="Whether the tenant may cure (pay/perform) to stop the notice."
    )
    lease_can_shorten = models.BooleanField(
        default=False, help_text="Whether a written lease may shorten or waive the period (e.g. TX, PA)."
    )
    lease_shortening_not_subsidised = models.BooleanField(
        default=False,
        help_text="A lease may not shorten or waive the period in public or subsidised housing (PA 250.501(e), "
        "per North Penn Legal Services). With `lease_can_shorten`, a short notice that shows such housing "
        "(Section 8, a housing choice voucher, public housing) fails instead of needing review.",
    )
    counted_from_receipt = models.BooleanField(
        default=False,
        help_text="The period runs from the tenant's receipt (MA c.186). A notice served by mail alone arrives "
        "at the earliest the day after mailing, so a deadline date earlier than the period counted from that "
        "day fails; how much later it arrived is unknown, so mailed notices also get a warning.",
    )
    notice_required = models.BooleanField(
        default=True,
        help_text="False when the state requires no pre-filing notice for this reason (e.g. NJ non-payment).",
    )
    type_allowed = models.BooleanField(
        default=True,
        help_text="False when this kind of notice is not allowed at all (e.g. WA no-cause, "
        "where just cause is required), whatever period it gives.",
    )
    type_not_allowed_reason = models.TextField(
        blank=True, help_text="Why the notice type is not allowed, shown to staff when `type_allowed` is false."
    )
    rent_only = models.BooleanField(
        default=False, help_text="The demand may include rent only (late fees/utilities make it defective, e.g. CA)."
    )
    mail_extension_days = models.PositiveIntegerField(
        default=0, help_text="Days added when the notice is served by mail (0 when mailing adds none)."
    )
    mail_extension_uncertain_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Only when the time mailing adds is not certain: the most days mailing may add in total "
        "(e.g. 5 where some courts add 5, NY/FL/WA; AZ 33-1313(B), where receipt or 5 days after mailing, "
        "whichever is earlier, decides), or 0 when it is unsettled whether the period runs from mailing or "
        "from receipt (IL) or when it runs from receipt and the delivery time is unknown (MA). Mailed "
        "notices get a warning, and one whose deadline date would be too early "
        "with these days added needs review. Leave empty when the mail rule is settled.",
    )
    alt_day_unit = models.CharField(
        max_length=10,
        choices=ALT_DAY_UNIT_CHOICES,
        blank=True,
        default="",
        help_text="Only when courts disagree on counting: the other unit some courts use (e.g. OH 1923.04, "
        "where some exclude intermediate weekends: weekdays). A notice that passes counted in `day_unit` but is short "
        "counted this way needs review. Leave empty when the counting is settled.",
    )
    long_lease_min_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Minimum period, in `day_unit`s, when the lease is longer than one year (PA 250.501(b): "
        "30; `min_days` covers a lease of a year or less). A shorter notice fails when it states a lease "
        "over one year and needs review when it states no term. Empty when the lease term does not matter.",
    )
    must_end_on_rent_day = models.BooleanField(
        default=False,
        help_text="The termination date must be a rent day, the end of a rental period (MA c.186 § 12, "
        "FL 83.57), whatever the number of days. The rent day is read from the notice; a mid-month date "
        "with no rent day stated needs review.",
    )
    just_cause_after_months = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="After this many months of tenancy the notice needs a just cause unless the unit is exempt "
        "(CA AB 1482: 12). The text cannot show the exemption, so a notice after a tenancy this long (or "
        "of unknown length) needs review. Empty when tenancy length does not make the type unlawful.",
    )
    lease_from_date = models.DateField(
        null=True,
        blank=True,
        help_text="Only for a rule that covers leases entered or renewed on or after this date (GA 44-7-50(c), "
        "HB 404: 2024-07-01). A notice that fails this rule but does not show a lease or renewal date on or "
        "after it needs review, because an older lease may fall under an older rule. Empty otherwise.",
    )
    delivery_uncertain = models.BooleanField(
        default=False,
        help_text="The reference is unsure which delivery methods the statute allows (GA 44-7-50(c): a sealed "
        "envelope posted on the door plus a lease method, reported but UNSURE). A notice handed to the tenant "
        "is judged on its period; one delivered any other way, or whose delivery is unknown, needs review.",
    )
    outside_posting_needs_mail = models.BooleanField(
        default=False,
        help_text="Posting the notice on the outside of a door is delivery only with a same-day mailing, and "
        "then only in limited cases (TX 24.005(f-1)). The notice fails when it says it was posted outside "
        "and shows no mailing; with a mailing it needs review (the limited cases cannot be seen in the text).",
    )
    local_overrides = models.JSONField(
        default=list,
        blank=True,
        help_text='City ordinances on top of this rule: [{"city": "Chicago", "upToDays": 120, "tiers": '
        '[{"minTenancyMonths": 6, "minDays": 60}], "statute": "...", "note": "..."}]. With `tiers` and a known '
        "tenancy start, a notice for premises in that city fails when it ends before the local period; "
        "otherwise one that gives fewer than `upToDays` days needs review.",
    )
    required_content = models.JSONField(
        default=list,
        blank=True,
        help_text='Elements the notice must contain: [{"code": "payee-info", "description": ..., '
        '"patterns": [regex, ...]}]. A missing element raises MISSING_REQUIRED_ELEMENT.',
    )
    statute = models.CharField(max_length=200, help_text="Citation, e.g. 'Cal. Code Civ. Proc. § 1161(2)'.")
    effective_date = models.DateField(help_text="Date from which this rule applies to notices.")
    needs_review = models.BooleanField(
        default=False,
        help_text="The rule is uncertain (law changed or sources disagree): results say 'needs review' "
        "instead of a confident verdict.",
    )
    notes = models.TextField(blank=True, help_text="Plain-language explanation and sources for staff.")
    default_checksum = _default_checksum_field()
    updated_at = models.DateTimeField(auto_now=True, help_text="When this rule was last edited.")
    history = HistoricalRecords(excluded_fields=["updated_at", "default_checksum"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state", "reason", "effective_date"], name="uniq_rule_state_reason_effective"
            )
        ]
        ordering = ["state", "reason", "-effective_date"]

    def __str__(self) -> str:
        return f"{self.state} {self.reason} ({self.statute})"

    def clean(self) -> None:
        if self.local_overrides is None:  # an emptied admin field means no local overrides
            self.local_overrides = []
        problems = rule_inconsistencies(self)
        if problems:
            raise ValidationError(problems)


def rule_inconsistencies(rule: StateNoticeRule) -> dict[str, str]:
    """{field: why} for combinations that contradict each other or that the checker would
    silently ignore; empty when the rule is consistent. Values filled in ahead of a period
    (e.g. a mail doubt on a rule with no fixed period yet) are allowed."""
    return {**_period_problems(rule), **_scope_problems(rule), **_override_problems(rule)}


def _period_problems(rule: StateNoticeRule) -> dict[str, str]:
    problems = {}
    if rule.alt_day_unit and rule.alt_day_unit == rule.day_unit:
        problems["alt_day_unit"] = "The other counting must differ from `day_unit`; leave it empty otherwise."
    if (problem := tiers_problem(rule.tenancy_tiers or [])) is not None:
        problems["tenancy_tiers"] = problem
    if rule.lease_from_date is not None and rule.min_days is None:
        problems["lease_from_date"] = "Only a rule with a period (`min_days`) can fail a notice; leave it empty."
    if rule.lease_shortening_not_subsidised and not rule.lease_can_shorten:
        problems["lease_shortening_not_subsidised"] = (
            "Only a rule whose lease may shorten the period has this exception."
        )
    if rule.long_lease_min_days is not None and rule.min_days is None:
        problems["long_lease_min_days"] = "A longer period for long leases needs a base `min_days`."
    elif rule.long_lease_min_days is not None and rule.long_lease_min_days <= rule.min_days:
        problems["long_lease_min_days"] = f"Must be longer than `min_days` ({rule.min_days}); else leave it empty."
    certain, uncertain = rule.mail_extension_days or 0, rule.mail_extension_uncertain_days
    if certain and uncertain and uncertain <= certain:
        problems["mail_extension_uncertain_days"] = (
            f"The unsettled total must exceed the certain {certain} mail days; otherwise leave it empty."
        )
    return problems


# Read only when a notice is required (a rule with notice_required=False stops first).
_NOTICE_ONLY_FIELDS = (
    "lease_from_date",
    "outside_posting_needs_mail",
    "delivery_uncertain",
    "alt_day_unit",
    "long_lease_min_days",
    "must_end_on_rent_day",
    "just_cause_after_months",
    "mail_extension_uncertain_days",
    "counted_from_receipt",
)


def _scope_problems(rule: StateNoticeRule) -> dict[str, str]:
    problems = {}
    if not rule.type_allowed and rule.just_cause_after_months is not None:
        problems["just_cause_after_months"] = "The notice type is not allowed at all, whatever the tenancy length."
    if not rule.type_allowed and rule.must_end_on_rent_day:
        problems["must_end_on_rent_day"] = "The notice type is not allowed at all, so no date is checked."
    if not rule.notice_required:
        for name in _NOTICE_ONLY_FIELDS:
            value = getattr(rule, name)
            if value is not None and value != "" and value is not False:  # 0 is a value here
                problems.setdefault(name, "No notice is required for this reason, so this is never checked.")
    return problems


def _override_problems(rule: StateNoticeRule) -> dict[str, str]:
    """Each local override needs a city name and a whole number of days the checker can count."""
    overrides = rule.local_overrides
    if not isinstance(overrides, list):
        return {"local_overrides": 'A list like [{"city": "Chicago", "upToDays": 120, "note": "..."}].'}
    for entry in overrides:
        city = entry.get("city") if isinstance(entry, dict) else None
        days = entry.get("upToDays") if isinstance(entry, dict) else None
        if not isinstance(city, str) or not city.strip():
            return {"local_overrides": 'Every entry needs a non-empty "city".'}
        if not _whole(days, 1):
            return {"local_overrides": f'{city}: "upToDays" must be a whole number of days (1 or more).'}
        if (problem := tiers_problem(entry.get("tiers") or [])) is not None:
            return {"local_overrides": f"{city}: {problem}"}
    return {}


def _whole(value, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def tenancy_tiers_problems(tiers: object) -> list[str]:
    """Why a tier list like [{"minTenancyMonths": 12, "minDays": 60}] cannot be counted, one line per
    fault (the rule's `tenancy_tiers` and a local override's `tiers`; the admin form shows them)."""
    if not isinstance(tiers, list):
        return ['Must be a list: [{"minTenancyMonths": 12, "minDays": 60}, ...].']
    problems = []
    for number, tier in enumerate(tiers, start=1):
        if not isinstance(tier, dict) or set(tier) != {"minTenancyMonths", "minDays"}:
            problems.append(f'Tier {number} must be exactly {{"minTenancyMonths": n, "minDays": n}}.')
            continue
        for key, least in (("minTenancyMonths", 0), ("minDays", 1)):
            if not _whole(tier[key], least):
                problems.append(f"Tier {number}: {key} must be a whole number of {least} or more.")
    return problems


def tiers_problem(tiers: object) -> str | None:
    """The first of `tenancy_tiers_problems`, or None."""
    problems = tenancy_tiers_problems(tiers)
    return problems[0] if problems else None

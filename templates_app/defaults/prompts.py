"""The default analysis prompt, loaded as an editable `prompt` template (general/general).
The notice text is never part of it: it is sent separately, fenced as untrusted data."""

from batches.analysis.prompts import DEFAULT_PROMPT_VERSION, DEFAULT_SYSTEM_PROMPT

DEFAULT_PROMPTS: list[dict] = [
    {
        "state": "general",
        "reason": "general",
        "template_type": "prompt",
        "title": "Analysis prompt for the LLM analyzer (facts only; code decides compliance)",
        "content": DEFAULT_SYSTEM_PROMPT,
        "metadata": {"defaultVersion": DEFAULT_PROMPT_VERSION},
    }
]

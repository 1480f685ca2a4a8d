"""The guard: what stands between untrusted content and the output. The content checks
(content_guard), the sanitizer, the Markdown time budget (render_budget), the output plan (one
owner per file), images' budgets and sizes, and the atomic publication. Imports model and compat."""

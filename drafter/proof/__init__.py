"""Proofreader (公文校对): rules over text and .docx that catch what reviewers send back.

Rules are data (id, severity, Chinese explanation) plus a check; findings use the same Problem type as
facts validation, so the CLI, the TUI problems panel and exit codes treat them alike.
"""

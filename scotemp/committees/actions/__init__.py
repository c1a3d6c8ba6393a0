"""Writes about committees, by noun: membership (applying, deciding, withdrawing), the workspace
(charter, officers, work plan, KPI targets), news and documents."""

from .documents import delete_document, upload_document
from .membership import DECISIONS, apply_to_committee, decide_application, withdraw_application
from .news import create_post, publish_post, return_post, submit_post, update_post
from .workspace import add_officer, remove_officer, save_plan_item, set_kpi_targets, update_charter

__all__ = [
    "DECISIONS",
    "add_officer",
    "apply_to_committee",
    "create_post",
    "decide_application",
    "delete_document",
    "publish_post",
    "remove_officer",
    "return_post",
    "save_plan_item",
    "set_kpi_targets",
    "submit_post",
    "update_charter",
    "update_post",
    "upload_document",
    "withdraw_application",
]

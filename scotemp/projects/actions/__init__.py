"""Writes of the projects app (each one transactional, announced through core.effects)."""

from .documents import delete_document, upload_document
from .milestones import add_milestone, set_milestone_status
from .partners import decide_partner, express_interest, withdraw
from .projects import change_stage, create_project, publish_project, update_project

__all__ = [
    "add_milestone",
    "change_stage",
    "create_project",
    "decide_partner",
    "delete_document",
    "express_interest",
    "publish_project",
    "set_milestone_status",
    "update_project",
    "upload_document",
    "withdraw",
]

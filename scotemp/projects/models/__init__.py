from .documents import ProjectDocument
from .projects import Milestone, Project, ProjectPartner

__all__ = ["Milestone", "Project", "ProjectDocument", "ProjectPartner"]

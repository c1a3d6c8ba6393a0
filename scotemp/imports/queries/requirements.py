"""China's import requirements that apply to an HS code: the rows of its subheading, heading and
chapter, most specific first. For each kind of requirement the most specific row applies; broader rows
of the same kind are listed too, marked as such. A code without any row says so explicitly: "nothing
recorded" is not "nothing required"."""

from dataclasses import dataclass, field

from ..choices import scopes_of
from ..models import ImportRequirement


@dataclass
class ChecklistItem:
    requirement: ImportRequirement
    applies: bool  # False: a broader row of a kind that a more specific row already covers

    @property
    def scope(self) -> str:
        return self.requirement.hs_scope


@dataclass
class Checklist:
    hs_code: str
    scopes: list[str]
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return bool(self.items)

    @property
    def applicable(self) -> list[ChecklistItem]:
        return [item for item in self.items if item.applies]

    @property
    def broader(self) -> list[ChecklistItem]:
        return [item for item in self.items if not item.applies]


def _checklist(hs_code: str, rows_by_scope: dict[str, list[ImportRequirement]]) -> Checklist:
    scopes = scopes_of(hs_code)
    checklist = Checklist(hs_code=hs_code, scopes=scopes)
    covered = set()
    for scope in scopes:  # most specific first
        for row in sorted(rows_by_scope.get(scope, []), key=lambda r: (r.kind, r.key)):
            checklist.items.append(ChecklistItem(row, applies=row.kind not in covered))
        covered |= {row.kind for row in rows_by_scope.get(scope, [])}
    return checklist


def checklists_for(hs_codes) -> dict[str, Checklist]:
    """The checklist of each code, in one query whatever the number of codes."""
    codes = {code for code in hs_codes if code}
    scopes = {scope for code in codes for scope in scopes_of(code)}
    rows_by_scope: dict[str, list[ImportRequirement]] = {}
    if scopes:
        for row in ImportRequirement.objects.filter(hs_scope__in=scopes):
            rows_by_scope.setdefault(row.hs_scope, []).append(row)
    return {code: _checklist(code, rows_by_scope) for code in codes}


def requirements_for(hs_code: str) -> Checklist:
    """The checklist of one code (a chapter, heading or subheading; spaces and dots are ignored)."""
    code = (hs_code or "").replace(" ", "").replace(".", "")
    return checklists_for([code]).get(code) or Checklist(hs_code=code, scopes=[])


def merged(checklists) -> Checklist:
    """One checklist for a group of codes (a showcase group): every row that applies to one of them,
    once, most specific first."""
    seen, items = set(), []
    for checklist in checklists:
        for item in checklist.applicable:
            if item.requirement.pk not in seen:
                seen.add(item.requirement.pk)
                items.append(ChecklistItem(item.requirement, applies=True))
    items.sort(key=lambda i: (-len(i.scope), i.scope, i.requirement.kind))
    return Checklist(hs_code="", scopes=[], items=items)

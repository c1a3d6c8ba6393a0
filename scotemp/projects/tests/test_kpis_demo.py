"""The committee KPI "Cooperation projects" is tracked (agreements signed this year, and projects by
stage), in a fixed number of queries; the demo projects are seeded once, a second run changes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scotemp.committees.models import Committee
from scotemp.committees.queries.kpis import compute_kpis
from scotemp.projects.models import Milestone, Project, ProjectPartner
from scotemp.reference.models import Country
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _project(committee, owner, stage, signed_on=None, published=True):
    return Project.objects.create(
        owner=owner, committee=committee, title="P", title_en="P", field="industry", stage=stage,
        published=published, signed_on=signed_on,
    )  # fmt: skip


def test_projects_kpi_is_tracked(kz_org):
    committee = Committee.objects.get(slug="aluminium")
    today = timezone.localdate()
    _project(committee, kz_org, "implementing", signed_on=today)
    _project(committee, kz_org, "agreement_signed", signed_on=today)
    _project(committee, kz_org, "completed", signed_on=today.replace(year=today.year - 1))
    _project(committee, kz_org, "partners_sought")
    _project(committee, kz_org, "idea", published=False)  # a draft: not counted
    report = compute_kpis(committee, today.year)
    row = report.get("projects")
    assert row.tracked and row.actual == 2
    assert dict((code, n) for code, _label, n in report.projects_by_stage) == {
        "partners_sought": 1, "agreement_signed": 1, "implementing": 1, "completed": 1,
    }  # fmt: skip
    assert compute_kpis(committee, today.year - 1).get("projects").actual == 1


def test_kpis_fixed_number_of_queries_with_projects(kz_org):
    committee = Committee.objects.get(slug="aluminium")
    counts = []
    for size in (1, 15):
        for i in range(size):
            _project(committee, kz_org, ("idea", "implementing", "completed")[i % 3], timezone.localdate())
        with CaptureQueriesContext(connection) as ctx:
            compute_kpis(committee, timezone.localdate().year)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 12


@pytest.fixture
def demo_people():
    for email, iso in (
        ("liwei@demo.scotemp.org", "CN"),
        ("aigerim@demo.scotemp.org", "KZ"),
        ("zhangmin@demo.scotemp.org", "CN"),
    ):
        org = OrganizationFactory(country=Country.objects.get(iso2=iso))
        MembershipFactory(user=UserFactory(email=email), organization=org, role="owner")
    for iso in ("CN", "CN", "KZ", "KZ", "RU", "RU", "RU", "RU", "UZ"):
        OrganizationFactory(country=Country.objects.get(iso2=iso))


def test_demo_projects_once(demo_people):
    from scotemp.demo.events import seed_events
    from scotemp.demo.projects import seed_projects

    UserFactory(email="operator@demo.scotemp.org", is_operator=True)
    seed_events()
    made = seed_projects()
    assert made["projects"] == 10
    stages = set(Project.objects.values_list("stage", flat=True))
    assert stages == {"idea", "partners_sought", "negotiating", "agreement_signed", "implementing",
                      "completed", "stopped"}  # fmt: skip
    cold = Project.objects.get(title_en__startswith="Agricultural cold chain")
    assert cold.committee.slug == "agri-supply-chain" and cold.signed_at is not None
    assert cold.signed_on <= timezone.localdate() - datetime.timedelta(days=1)
    assert cold.owner.memberships.filter(user__email="liwei@demo.scotemp.org").exists()
    assert cold.partners.filter(organization__memberships__user__email="aigerim@demo.scotemp.org").exists()
    assert Project.objects.get(title_en__startswith="Aluminium processing").committee.slug == "aluminium"
    assert Project.objects.get(title_en__startswith="Chongqing–Kazakhstan").committee.slug == "education"
    counts = (Project.objects.count(), ProjectPartner.objects.count(), Milestone.objects.count())
    assert seed_projects() == {"projects": 0, "project partners": 0, "project milestones": 0}
    assert (Project.objects.count(), ProjectPartner.objects.count(), Milestone.objects.count()) == counts

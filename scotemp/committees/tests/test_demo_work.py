"""The demo's committees at work: every committee with a secretary gets a charter in three languages, a
work plan, targets, news (published and a draft) and documents that pass the upload checks; idempotent."""

import io

from django.utils import translation

from scotemp.committees.models import Committee, CommitteeDocument, KpiTarget, NewsPost, WorkPlanItem
from scotemp.demo.committees_work import seed_committees_work
from scotemp.demo.management.commands.seed_demo import Command
from scotemp.verification.uploads import check_upload
from tests.factories import UserFactory


class _File(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.size = len(data)

    def chunks(self):
        yield self.getvalue()


def test_every_committee_gets_a_secretary_in_the_demo(db):
    command = Command()
    command.committees = {c.slug: c for c in Committee.objects.all()}
    planned = command.secretaries()
    personas = {"aluminium"}  # the persona Zhang Min's committee
    assert set(planned) | personas == set(command.committees)
    assert {language for _email, _name, language in planned.values()} <= {"zh-hans", "ru"}


def test_seed_committees_work(db, kz_org):
    Committee.objects.filter(slug="energy").update(secretary=UserFactory(language="ru"))
    Committee.objects.filter(slug="education").update(secretary=UserFactory(language="zh-hans"))
    counts = seed_committees_work()
    assert counts["news posts"] == 6 and counts["documents"] == 4 and counts["plan items"] == 10
    energy = Committee.objects.get(slug="energy")
    assert energy.charter_en and energy.charter_ru and energy.charter_zh_hans
    assert NewsPost.objects.filter(committee=energy, status="published").count() == 2
    assert NewsPost.objects.filter(committee=energy, status="draft").count() == 1
    assert WorkPlanItem.objects.filter(committee=energy).first().title.startswith(("Утвердить", "Отраслевой"))
    assert KpiTarget.objects.filter(committee=energy).exists()
    with translation.override("ru"):
        assert NewsPost.objects.filter(committee=energy).first().title.startswith(("Члены", "Набор", "«"))
    for document in CommitteeDocument.objects.all():
        detected = check_upload(_File(document.file.read()))
        assert detected.content_type == "application/pdf" and detected.sha256 == document.sha256
    assert set(CommitteeDocument.objects.values_list("visibility", flat=True)) == {"public", "members"}
    again = seed_committees_work()
    assert not any(again.values())

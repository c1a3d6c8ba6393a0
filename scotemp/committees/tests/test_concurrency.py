"""Two operators reviewing the same submitted post at the same moment: exactly one decision wins, and
the members are told of a publication once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from scotemp.committees import actions
from scotemp.committees.models import Committee, CommitteeMembership, NewsPost
from scotemp.core.models import AuditEntry
from scotemp.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks and concurrent connections (PostgreSQL)"
)

SLUG = "energy"


def _decide(barrier, outcomes, operator, public_id, decision):
    try:
        barrier.wait()
        if decision == "publish":
            actions.publish_post(operator, SLUG, public_id)
        else:
            actions.return_post(operator, SLUG, public_id, "Уточните дату")
        outcomes.append(decision)
    except ValidationError as exc:
        outcomes.append(exc.code)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_operators_reviewing_at_once_one_wins():
    first, second = UserFactory(is_operator=True), UserFactory(is_operator=True)
    secretary = UserFactory()
    Committee.objects.filter(slug=SLUG).update(secretary=secretary)
    member = MembershipFactory(role="owner")
    CommitteeMembership.objects.create(
        committee=Committee.objects.get(slug=SLUG), organization=member.organization, status="approved"
    )
    for _attempt in range(4):
        post = actions.create_post(
            secretary, SLUG, {"language": "ru", "title_ru": "Форум", "body_ru": "Текст"}
        )
        actions.submit_post(secretary, SLUG, post.public_id)
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=_decide, args=(barrier, outcomes, first, post.public_id, "publish")),
            threading.Thread(target=_decide, args=(barrier, outcomes, second, post.public_id, "return")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) in (["conflict", "publish"], ["conflict", "return"]), outcomes
        post = NewsPost.objects.get(pk=post.pk)
        assert post.status == ("published" if "publish" in outcomes else "returned")
        decided = AuditEntry.objects.filter(
            subject_id=post.pk, verb__in=["committees.news_published", "committees.news_returned"]
        )
        assert decided.count() == 1
    published = NewsPost.objects.filter(status="published").count()
    told = Notification.objects.filter(user=member.user, kind="committees.news_published").count()
    assert told == published

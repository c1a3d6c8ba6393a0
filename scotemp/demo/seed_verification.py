"""Demo verification data: about 40 % of the demo organizations verified (a few expiring within
30 days), about 15 waiting in the operator's queue with small generated documents, a few asked for
more information or rejected.

Deterministic: which organization gets which state follows a hash of its country and name, and
dates count back from today. Idempotent: an organization that already has verification events is
left alone, and a document whose file went missing is written again.
"""

import datetime
import hashlib
import struct
import zlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from scotemp.accounts.models import Membership, Organization
from scotemp.directory.choices import VerificationStatus
from scotemp.directory.models import OrganizationProfile
from scotemp.verification.models import (
    Decision,
    DocumentKind,
    ReviewStatus,
    VerificationDocument,
    VerificationEvent,
    VerificationReview,
)

OPERATOR_EMAIL = "operator@demo.scotemp.org"
# Persona organizations get a state a demo needs to show, by Latin name.
PERSONA_STATES = {
    "Chongqing Yuliang Foods Co., Ltd.": ("verified", 200),
    "Astyk Trade Almaty LLP": ("verified", 345),  # expires within 30 days: the reminder is due
    "SibTransLogistic LLC": ("pending", 2),
    "Chongqing Aluminium Industry Association": ("needs_info", 6),
}
NEEDS_INFO_NOTE = "The registration certificate is cut off at the bottom. Please upload the full page."
REJECTED_NOTE = "The name on the certificate does not match the organization's legal name."


def minimal_pdf(title: str) -> bytes:
    """A one-page PDF with one line of (ASCII) text and a correct cross-reference table."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]").replace(b"\\", b"/")
    stream = b"BT /F1 14 Tf 56 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def minimal_png(seed: int, width: int = 48, height: int = 32) -> bytes:
    """A small RGB PNG: a red seal-like disc on paper white, tinted by ``seed``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    tint = seed % 64
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter: none
        for x in range(width):
            inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 3) ** 2
            row += bytes((200, 16 + tint, 46)) if inside else bytes((250, 248, 240))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _bucket(org: Organization) -> int:
    return int(hashlib.sha256(f"{org.country_id}:{org.name}".encode()).hexdigest()[:8], 16) % 100


def _plan(org: Organization) -> tuple[str, int] | None:
    """(state, days ago it was submitted or verified) or None for organizations left unverified."""
    if org.name_latin in PERSONA_STATES:
        return PERSONA_STATES[org.name_latin]
    bucket = _bucket(org)
    if bucket < 3:
        return "verified", 340 + bucket * 7  # 4 to 25 days left: reminders are due
    if bucket < 40:
        return "verified", 5 + (bucket * 37) % 320
    if bucket < 45:
        return "pending", 1 + bucket % 9
    if bucket < 47:
        return "needs_info", 3 + bucket % 5
    if bucket < 49:
        return "rejected", 20 + bucket % 30
    return None


def _document(org, owner, kind, name, content, when):
    document = VerificationDocument.objects.filter(organization=org, original_name=name).first()
    if document is None:
        document = VerificationDocument(
            organization=org,
            kind=kind,
            original_name=name,
            content_type="application/pdf" if name.endswith(".pdf") else "image/png",
            extension=name.rsplit(".", 1)[-1],
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=owner,
        )
        document.file.save("upload", ContentFile(content), save=False)
        document.save()
        VerificationDocument.objects.filter(pk=document.pk).update(created_at=when)
    elif not default_storage.exists(document.file.name):
        with default_storage.open(document.file.name, "wb") as handle:
            handle.write(content)
    return document


def _event(org, review, decision, actor, when, note=""):
    event = VerificationEvent.objects.create(
        organization=org, review=review, decision=decision, actor=actor, note=note
    )
    VerificationEvent.objects.filter(pk=event.pk).update(created_at=when)


def seed_verification(log=print) -> dict[str, int]:
    """Give the demo organizations their verification states; returns how many got each."""
    operator = get_user_model().objects.filter(email=OPERATOR_EMAIL).first()
    now = timezone.now()
    done = {"verified": 0, "pending": 0, "needs_info": 0, "rejected": 0}
    seeded = set(VerificationEvent.objects.values_list("organization_id", flat=True).distinct())
    owners = {
        m.organization_id: m.user
        for m in Membership.objects.filter(role="owner").select_related("user").order_by("created_at", "pk")
    }
    for org in Organization.objects.order_by("country_id", "name", "pk"):
        plan = _plan(org)
        if plan is None:
            continue
        state, days_ago = plan
        # Documents are (re)written even for seeded organizations, in case var/private was removed.
        owner = owners.get(org.pk)
        submitted = now - datetime.timedelta(days=days_ago, hours=_bucket(org) % 7)
        label = org.name_latin or org.name
        _document(
            org,
            owner,
            DocumentKind.REGISTRATION,
            "registration-certificate.pdf",
            minimal_pdf(f"Certificate of state registration: {label}"),
            submitted,
        )
        if state in ("pending", "needs_info"):
            _document(
                org, owner, DocumentKind.TAX, "tax-certificate-scan.png", minimal_png(_bucket(org)), submitted
            )
        if org.pk in seeded:
            continue
        profile, _created = OrganizationProfile.objects.get_or_create(organization=org)
        review = VerificationReview.objects.create(
            organization=org, submitted_by=owner, status=ReviewStatus.PENDING
        )
        review.created_at = submitted  # auto_now_add applies only on insert; the final save keeps this
        _event(org, review, Decision.SUBMITTED, owner, submitted)
        decided = submitted + datetime.timedelta(days=1)
        if state == "verified":
            review.status, review.reviewer, review.decided_at = ReviewStatus.APPROVED, operator, decided
            profile.verification_status = VerificationStatus.VERIFIED
            profile.verified_at = decided
            profile.verified_until = timezone.localdate(decided) + datetime.timedelta(days=365)
            _event(org, review, Decision.APPROVED, operator, decided)
        elif state == "needs_info":
            review.status, review.reviewer, review.decided_at = ReviewStatus.NEEDS_INFO, operator, decided
            review.reason = NEEDS_INFO_NOTE
            profile.verification_status = VerificationStatus.NEEDS_INFO
            _event(org, review, Decision.NEEDS_INFO, operator, decided, NEEDS_INFO_NOTE)
        elif state == "rejected":
            review.status, review.reviewer, review.decided_at = ReviewStatus.REJECTED, operator, decided
            review.reason = REJECTED_NOTE
            profile.verification_status = VerificationStatus.REJECTED
            _event(org, review, Decision.REJECTED, operator, decided, REJECTED_NOTE)
        else:
            profile.verification_status = VerificationStatus.PENDING
        review.save()
        profile.save()
        done[state] += 1
    if any(done.values()):
        log("  verification: " + ", ".join(f"{n} {state}" for state, n in done.items()))
    return done

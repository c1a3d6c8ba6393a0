"""Deal documents benchmark (not a test): one proforma invoice cold and warm.

    .venv/bin/python bench/documents.py [--quick]

No database: the deal, its parties and its agreed terms are unsaved model instances (the proforma
reads nothing else). Figures are RATIOS of measurements of the same run (the machine is noisy):

1. **cold** — the first document of a process: the font caches of ``scotemp.deals.documents.fonts``
   emptied before each call (parsing Noto Sans, Noto Sans CJK …, and cutting the glyphs from the
   font files). This is what every document cost before the fonts were kept per process.
2. **warm, same document** — the same proforma again (the usual case: both parties download it).
3. **warm, new letters** — every document has a buyer name with Chinese characters not drawn before
   in the process, plus names in Kazakh, Persian and Hindi: the per-process glyph cut has to grow.
4. **cached** — ``render_document`` as the views call it, for a document built before: the key
   (a digest of everything the document prints) and one read of the shared cache (Redis with
   ``REDIS_URL``, otherwise the database cache table, here in a throw-away SQLite file).
5. **floor** — a one-line fpdf2 document with a core font (no font embedded): what fpdf2 itself
   costs per document on this machine.

Items 1–3 build the document without the cache (``build_document``).

Prints medians and p95 of each (wall time, and the CPU time of this process, steadier on a shared
machine), and the ratios warm/cold and warm/floor. See bench/README.md.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Common Chinese characters, drawn from in order so each "new letters" document has unseen ones.
HANZI = (
    "安北昌成大德东丰福光广海河恒宏华辉吉佳建江金锦京晶康坤蓝乐力利联龙隆美民明南宁鹏平其启强庆瑞润森山尚"
    "胜盛世泰天通同伟文祥信兴鑫星旭亚阳扬耀益银永友宇元远跃云泽正志中众洲卓紫宗百彩长诚春聪丹峰富港"
)
OTHER_NAMES = ("ТОО «Жеңіс Астық»", "شرکت بازرگانی گندم پارس", "भारत कृषि निर्यात प्राइवेट लिमिटेड")


def setup() -> None:
    os.environ.update(SCOTEMP_MODE="demo", DEBUG="0", LOG_LEVEL="WARNING")
    os.environ.setdefault("SCOTEMP_VAR_DIR", "/tmp/scotemp-bench-documents")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)  # the database cache when REDIS_URL is unset


def make_deal(buyer_name: str):
    from scotemp.accounts.models import Organization
    from scotemp.deals.models import Deal, TermSheet
    from scotemp.reference.models import Country, HSCode, Location, Unit

    kz = Country(iso2="KZ", name="Kazakhstan", name_ru="Казахстан", name_zh_hans="哈萨克斯坦")
    cn = Country(iso2="CN", name="China", name_ru="Китай", name_zh_hans="中国")
    seller = Organization(name="ТОО «Астық Экспорт»", name_latin="Astyk Export LLP", country=kz)
    seller.registry_type, seller.registry_id = "kz_bin", "180140012345"
    buyer = Organization(name=buyer_name, name_latin="Chongqing Grain & Oil Foods Co.", country=cn)
    terms = TermSheet(
        pk=1,
        version=2,
        goods="Пшеница мягкая 3 класса, протеин не менее 12,5 % / 小麦 / wheat",
        hs_code=HSCode(
            code="100199",
            description="Wheat and meslin: other",
            description_en="Wheat and meslin: other",
            description_ru="Пшеница и меслин прочие",
            description_zh_hans="其他小麦及混合麦",
        ),
        quantity=Decimal("1250.5"),
        unit=Unit(code="TNE", name="tonne", name_ru="т", name_zh_hans="吨"),
        unit_price=Decimal("246.5"),
        currency_id="USD",
        incoterm_id="FCA",
        incoterm_place=Location(locode="KZHOR", name="Khorgos", name_ru="Хоргос", name_zh_hans="霍尔果斯"),
        payment_terms="30% prepayment, 70% against copies of the railway bill",
        delivery_from=datetime.date(2027, 1, 10),
        delivery_until=datetime.date(2027, 2, 28),
        note="重庆团结村站交货后通知买方",
    )
    deal = Deal(public_id=uuid.UUID(int=7), buyer=buyer, seller=seller, agreed_terms=terms)
    deal.agreed_at = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    return deal


CPU: list[float] = []  # CPU seconds of the calls timed by elapsed(), in order


def elapsed(fn) -> float:
    """Wall seconds of one call of ``fn``; its CPU seconds (this process) go to :data:`CPU`. On a
    machine shared with other work the CPU time is the steadier figure."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    CPU.append(time.process_time() - c0)
    return time.perf_counter() - t0


def p95(values) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def ms(values) -> str:
    return f"median {statistics.median(values) * 1000:6.1f} ms, p95 {p95(values) * 1000:6.1f} ms"


def forget_fonts() -> None:
    from scotemp.deals.documents import fonts, subsets

    fonts._templates.clear()
    fonts._coverage.clear()
    fonts._chains.clear()
    subsets.cuts.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repeats, to check that it runs")
    args = parser.parse_args()
    cold_n, warm_n = (2, 5) if args.quick else (5, 30)
    setup()
    from fpdf import FPDF

    from scotemp.deals.documents import build_document, find_fonts, render_document

    chain = find_fonts()
    print("fonts: " + ", ".join(f"{f.regular.name}" + (f" (face {f.face})" if f.face else "") for f in chain))
    deal = make_deal("重庆粮油食品有限公司")
    for language in ("ru", "zh-hans"):
        print(f"\nproforma in {language}, medians of {warm_n} (cold: {cold_n})")
        mark = len(CPU)
        cold = []
        for _i in range(cold_n):
            forget_fonts()
            cold.append(elapsed(lambda lang=language: build_document(deal, "proforma", lang)))
        cold_cpu = CPU[mark:]
        build_document(deal, "proforma", language)
        mark = len(CPU)
        same = [elapsed(lambda lang=language: build_document(deal, "proforma", lang)) for _i in range(warm_n)]
        same_cpu, mark = CPU[mark:], len(CPU)
        fresh = []
        for i in range(warm_n):
            chars = "".join(HANZI[(i * 4 + k) % len(HANZI)] for k in range(4))
            other = OTHER_NAMES[i % len(OTHER_NAMES)]
            new = make_deal(f"{chars}粮油有限公司 / {other}")
            fresh.append(elapsed(lambda new=new, lang=language: build_document(new, "proforma", lang)))
        fresh_cpu, mark = CPU[mark:], len(CPU)
        stored = render_document(deal, "proforma", language)  # builds it once and stores it
        cached = [
            elapsed(lambda lang=language: render_document(deal, "proforma", lang)) for _i in range(warm_n)
        ]
        cached_cpu = CPU[mark:]
        assert render_document(deal, "proforma", language) == stored

        def floor():
            pdf = FPDF()
            pdf.add_page()
            pdf.set_font("helvetica", size=10)
            pdf.cell(0, 5, "Proforma invoice PI-00000000-v2")
            return bytes(pdf.output())

        base = [elapsed(floor) for _i in range(warm_n)]
        size = len(stored)
        warm = statistics.median(same)
        print(f"  cold (fonts parsed and cut)      {ms(cold)}; CPU {ms(cold_cpu)}")
        print(f"  warm, same document              {ms(same)}; CPU {ms(same_cpu)}  ({size // 1024} KB)")
        print(f"  warm, new letters every document {ms(fresh)}; CPU {ms(fresh_cpu)}")
        print(f"  cached (key + shared cache read) {ms(cached)}; CPU {ms(cached_cpu)}")
        print(f"  floor: one-line core-font fpdf2  {ms(base)}")
        print(
            f"  ratios: warm/cold {warm / statistics.median(cold):.1%}; "
            f"new letters/cold {statistics.median(fresh) / statistics.median(cold):.1%}; "
            f"warm/floor {warm / statistics.median(base):.0f}x; "
            f"cached/cold {statistics.median(cached) / statistics.median(cold):.2%}; "
            f"cached/floor {statistics.median(cached) / statistics.median(base):.1f}x"
        )
    load = open("/proc/loadavg").read().split()[:3]
    print(f"\nload average {' '.join(load)} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()

"""The demo deals pipeline: requests, quotations, threads and deals between the demo organizations, so
every persona finds work on first login and the operator's deals report has most of 2026 to show.

- Li Wei (Chongqing importer) has an open RFQ for wheat sent to three sellers with quotations in USD,
  CNY and RUB (Aigerim's revised once) and a thread with Aigerim, a barley request still waiting for
  Aigerim's quotation, an inquiry for dried apricots declined by an Uzbek seller, and deals with
  Aigerim's grain trader: one completed, one in fulfilment, one negotiating where Aigerim proposed new
  terms that wait for Li Wei's answer;
- Zhang Min's aluminium association has a contract signed for aluminium ingots after a term change;
- Dmitry's forwarder has agreed to buy containers from a Chongqing manufacturer; the manufacturer
  confirmed the signed contract (with its PDF) and waits for Dmitry's confirmation;
- Aigerim's grain trader answered Li Wei's published wheat buy request with an offer, which waits in
  his inquiries ("agreed" and "contract signed" need both sides' confirmations, ADR 0013);
- the operator was asked into the thread of a deal cancelled after agreement;
- other deals between demo organizations (potash, NPK, cotton, dried apricots, barley, motorcycles,
  aluminium) complete the picture: every deal state, four currencies, February to November 2026.

Everything is created through the actions (notifications, timelines and term sheet versions are real);
afterwards the dates are moved into the past with ``.update()`` (the actions stamp ``timezone.now()``),
here only. Idempotent: a scenario whose request (goods + buyer) exists is skipped; deterministic: the
demo organizations are picked by country, the sector that trades the goods, and Latin name.
"""

from .seeder import seed_deals

__all__ = ["seed_deals"]

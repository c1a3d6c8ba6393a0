"""The HS picker: type-ahead over the HS 2022 headings and subheadings by code or by the words people
use for goods, in any of the three languages ("小麦", "пшеницы", "wheat" and "1001" all find heading
1001 first), and browsing from chapter to heading to subheading.

The ~6,800 codes live in an in-memory index built once per process. It is rebuilt when the
reference rows change: a cheap fingerprint of the table (row count, highest code, total length of
the names) is compared at most every ``CHECK_SECONDS``, so ``load_reference`` is picked up without a
restart and a request normally costs no query at all.

How words match (the same treatment for names and queries):
- Russian and English words by prefix, and by their Snowball stem ("пшеницы" → "пшениц" finds
  "пшеница", "tomatoes" → "tomato"); a Russian stem also tries its fleeting vowel ("хлопка" →
  "хлопок", "огурец" → "огурц…"); British and American spellings are one word ("aluminum" =
  "aluminium", "tires" = "tyres", "color" = "colour", "-ize" = "-ise");
- Chinese by substring, or failing that by all of the word's characters ("小麦粉" finds 小麦…细粉),
  or by the word without its last character ("核桃仁" finds 核桃);
- words about quantity or trade ("тонны", "tons", "吨", "buy", "оптом", "出口") are ignored when
  other words remain;
- the project's search terms (``reference/data/hs-search-terms.csv``: term, language, HS code) add
  everyday names the nomenclature does not use ("smartphone", "смартфон", "手机" → 8517/851713).

Ranking (best first): the whole query is a search term of the code; every query word matched;
more words matched; the name starts with the query; the name's first word is matched (the goods
themselves, not "parts of …"); headings before subheadings; then by code. A code query (digits,
dots, spaces) gives the exact code, then codes starting with it.
"""

from .index import DEFAULT_LIMIT, HSIndex, get_index, hs_children, hs_describe, invalidate, search_hs
from .words import canonical, parse_query

__all__ = [
    "DEFAULT_LIMIT",
    "HSIndex",
    "canonical",
    "get_index",
    "hs_children",
    "hs_describe",
    "invalidate",
    "parse_query",
    "search_hs",
]

"""`make bench`'s render table: each page type under three cache settings, beside the bare-WSGI
ceiling of that page's own bytes measured in the same run, with each one's share of it.

- cached: the page cache on (PAGE_CACHE_SECONDS=600), what a repeat visitor gets;
- page cache off: every request rendered (PAGE_CACHE_SECONDS=0), fragments warm;
- both off: fragments built every time too (FRAGMENT_CACHE_SECONDS=0), the cost of a first visit
  after a publish.
"""

TIERS = {
    "cached": {"PAGE_CACHE_SECONDS": "600", "FRAGMENT_CACHE_SECONDS": "86400"},
    "page cache off": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "86400"},
    "both off": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
}


def table(pages, results, ceilings):
    """The table as text. results: {(tier, page): (req/s, p50, p95, errors, …)};
    ceilings: {page: the same figures for the bare app serving that page's bytes}."""
    head = f"{'page':<14}" + "".join(f" {tier:>26}" for tier in TIERS) + f" {'bare WSGI':>17}"
    sub = (
        f"{'':<14}"
        + f" {'req/s':>8} {'p95 ms':>7} {'share':>9}" * len(TIERS)
        + f" {'req/s':>8} {'p95 ms':>8}"
    )
    lines = [head, sub]
    for name in pages:
        bare = ceilings[name]
        cells = []
        for tier in TIERS:
            rps, _, p95 = results[tier, name][:3]
            cells.append(f" {rps:>8.1f} {p95:>7.1f} {rps / bare[0] * 100:>8.1f}%")
        lines.append(f"{name:<14}" + "".join(cells) + f" {bare[0]:>8.1f} {bare[2]:>8.1f}")
    errors = sum(result[3] for result in results.values())
    lines.append(
        f"(share: req/s as a part of the bare app's on the same bytes; errors in all cells: {errors})"
    )
    return "\n".join(lines)

"""Texts for import, export and search (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

EXCHANGE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- search ---------------------------------------------------------------------------------
    "search.empty": (
        "cần ít nhất một chữ cái hoặc chữ số để tìm",
        "type at least one letter or digit to search for",
    ),
    "search.title": ("Tìm “{text}”", "Search for “{text}”"),
    "search.more": (
        "Chỉ hiện {limit} kết quả đầu; dùng --limit 0 để xem tất cả",
        "Showing the first {limit} results; use --limit 0 to see them all",
    ),
    "search.kind.member": ("Đảng viên", "Member"),
    "search.kind.candidate": ("Quần chúng", "Candidate"),
    "search.match.exact": ("Đúng dấu", "Exact"),
    "search.match.folded": ("Không dấu", "Without marks"),
}
EXCHANGE_FIELDS: dict[str, tuple[str, str]] = {
    "search.match": ("Khớp", "Match"),
}

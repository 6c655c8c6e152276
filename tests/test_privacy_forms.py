"""Public forms never carry a member's ID number or phone number; the internal roster carries them
only for a role that may see them."""

import re
import subprocess
from pathlib import Path

import pytest

from dangjian_desktop.services import members, printing
from dangjian_desktop.services.personal_data import INTERNAL_FORMS, PUBLIC_FORMS

#: Each public form, in every variant the printing page offers.
VARIANTS = {
    "publicity": [{}],
    "signin-sheet": [{}, {"blank": True}],
    "meeting-record": [{}],
    "member-form": [{}, {"all_members": True}],
    "star-form": [{}, {"year": 2025}],
    "training-stats": [{}],
}


def pdf_text(path: Path) -> str:
    """The PDF's text with spaces and line breaks removed (a number split over a cell still counts)."""
    try:
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout
    except FileNotFoundError:
        from pypdf import PdfReader

        text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", "", text)


def _numbers(ctx) -> set[str]:
    everyone = members.list_members(ctx)  # the local operator: unmasked, those who left too
    return {m[k] for m in everyone for k in ("id_number", "phone", "landline") if m[k]}


def test_every_form_is_classed_public_or_internal():
    assert set(printing.FORMS) == PUBLIC_FORMS | INTERNAL_FORMS and not PUBLIC_FORMS & INTERNAL_FORMS
    assert set(VARIANTS) == PUBLIC_FORMS


@pytest.mark.parametrize("form", sorted(PUBLIC_FORMS))
def test_a_public_form_carries_no_id_or_phone_number(demo, tmp_path, form):
    numbers = _numbers(demo)
    assert len(numbers) > 60
    for n, options in enumerate(VARIANTS[form]):
        out = printing.print_form(demo, form, out=tmp_path / f"{form}-{n}.pdf", **options)
        text = pdf_text(out)
        assert len(text) > 100, "the PDF has text to check"
        leaked = {number for number in numbers if number in text}
        assert not leaked, f"{form} {options} shows {sorted(leaked)[:3]}"
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{17}[\dX](?!\d)", text)


def test_the_roster_carries_numbers_only_for_a_role_that_may_see_them(demo, tmp_path, monkeypatch):
    from dangjian_desktop.core import roles

    numbers = _numbers(demo)
    stored = next(m for m in members.list_members(demo, roster_only=True) if m["id_number"] and m["phone"])
    full = pdf_text(printing.print_form(demo, "roster", out=tmp_path / "full.pdf"))
    assert stored["id_number"] in full and stored["phone"] in full
    # A role that may print but not see the numbers (viewers may not print at all today).
    monkeypatch.setitem(roles.GRANTS, "print_only", frozenset({"report.print"}))
    demo.user = {"uuid": "u", "name": "打印员", "role": "print_only", "town_uuid": None}
    masked = pdf_text(printing.print_form(demo, "roster", out=tmp_path / "masked.pdf"))
    assert not {n for n in numbers if n in masked}
    assert stored["id_number"][:6] + "********" + stored["id_number"][-4:] in masked

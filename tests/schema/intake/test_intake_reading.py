"""Reading exports (schema.intake.exports, schema.intake.xlsx): the three tools' shapes in both
encodings give the same table; blank rows and trailing separators are nothing; what is too large
or not what it claims is refused before it is read whole."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

import pytest

from schema.intake import IntakeError, parse_export
from schema.intake.exports import MAX_ROWS
from schema.intake.xlsx import MAX_MEMBERS, cell_text
from tests import intake_exports as made


def said(exc: pytest.ExceptionInfo[IntakeError]) -> str:
    return exc.value.said.key.removeprefix("message.")


def answers(export: object) -> list[tuple[str, str, str]]:
    """(e-mail, organisation, options) of each row, whatever the columns' order."""
    headers = export.headers  # type: ignore[attr-defined]
    email = next(n for n, h in enumerate(headers) if "メール" in h)
    org, survey = headers.index(made.ORG_HEADER), headers.index(made.SURVEY_HEADER)
    return [(row.cells[email], row.cells[org], re.sub(r"\s*[;,\n]\s*", "|", row.cells[survey]).strip("|"))
            for row in export.rows]  # type: ignore[attr-defined]


def test_the_three_tools_and_both_encodings_read_alike() -> None:
    google = parse_export("google.csv", made.google_forms_survey(made.SEED_SURVEY, blank_rows=True))
    with_bom = parse_export("excel.csv", codecs.BOM_UTF8 + made.google_forms_survey(made.SEED_SURVEY))
    logo = parse_export("logo.csv", made.logo_form_survey(made.SEED_SURVEY))
    microsoft = parse_export("forms.xlsx", made.microsoft_forms_survey(made.SEED_SURVEY))
    expected = [(email, org, "|".join(options)) for email, org, options in made.SEED_SURVEY]
    for export in (google, with_bom, logo, microsoft):
        assert answers(export) == expected, export.name
    assert [row.number for row in google.rows][:6] == [2, 3, 4, 5, 7, 8]  # blank rows left out, not renumbered
    assert logo.rows[0].cells[0] == "00001"  # leading zeros kept: cells are text
    assert microsoft.headers[:5] == ("ID", "開始時刻", "完了時刻", "メール", "名前")


def test_shift_jis_as_excel_writes_it_and_utf16_text() -> None:
    text = "団体名,質問\r\n埼玉県庁,"
    sjis = parse_export("a.csv", (text + "\"県において、\r\nどう進めるか。\"\r\n").encode("cp932"))
    assert sjis.rows[0].cells == ("埼玉県庁", "県において、\nどう進めるか。")  # CRLF in a cell becomes LF
    tabbed = parse_export("a.txt", "団体名\t質問\r\n戸田市\tなし\r\n".encode("utf-16"))
    assert tabbed.headers == ("団体名", "質問") and tabbed.rows[0].cells == ("戸田市", "なし")


def test_trailing_separators_and_blank_rows_are_nothing() -> None:
    export = parse_export("a.csv", "団体名,関心のあるテーマ,\n戸田市,計画策定支援;,\n,,\n\n深谷市,DX人材育成・活用\n"
                          .encode())
    assert export.headers == ("団体名", "関心のあるテーマ")
    assert [(row.number, row.cells) for row in export.rows] == [(2, ("戸田市", "計画策定支援;")),
                                                                 (5, ("深谷市", "DX人材育成・活用"))]


@pytest.mark.parametrize(("data", "key"), [
    (b"", "intake_empty"),
    (b"  \r\n \n", "intake_empty"),
    ("団体名,質問\n".encode(), "intake_no_rows"),
    ("団体名\n戸田市,余り\n".encode(), "intake_cell_without_header"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "intake_not_text"),
    (b"name\n\xff\xfe\xfd\xfc", "intake_encoding"),
    ("a,b\n" + "\n".join("1,2" for _ in range(MAX_ROWS + 1)), "intake_too_many_rows"),
    ("," * 600 + "\n1\n", "intake_too_many_columns"),
])
def test_bad_csv_is_one_error(data: bytes | str, key: str) -> None:
    with pytest.raises(IntakeError) as exc:
        parse_export("answers.csv", data.encode() if isinstance(data, str) else data)
    assert said(exc) == key
    assert "answers.csv" in exc.value.said.text


def test_a_file_named_xlsx_that_is_not_one() -> None:
    with pytest.raises(IntakeError) as exc:
        parse_export("answers.xlsx", "ID,メール\n1,a@example.jp\n".encode())
    assert said(exc) == "intake_not_xlsx"


def workbook_with(part: str, replace: tuple[bytes, bytes] | None = None, extra: int = 0) -> bytes:
    """A real workbook with one part rewritten (or `extra` empty parts added)."""
    source = zipfile.ZipFile(io.BytesIO(made.microsoft_forms_survey(made.SEED_SURVEY[:2])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part and replace is not None:
                data = re.sub(replace[0], replace[1], data, count=1)
            target.writestr(info.filename, data)
        for n in range(extra):
            target.writestr(f"xl/media/{n}.bin", b"")
    return out.getvalue()


def test_a_workbook_out_of_proportion_is_refused_before_it_is_read() -> None:
    sheet = "xl/worksheets/sheet1.xml"
    declared = workbook_with(sheet, (rb'<dimension ref="[^"]*"', b'<dimension ref="A1:G1048576"'))
    with pytest.raises(IntakeError) as exc:
        parse_export("forms.xlsx", declared)
    assert said(exc) == "intake_too_many_rows"
    wide = workbook_with(sheet, (rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD3"'))
    with pytest.raises(IntakeError) as exc:
        parse_export("forms.xlsx", wide)
    assert said(exc) == "intake_too_many_columns"
    with pytest.raises(IntakeError) as exc:
        parse_export("forms.xlsx", workbook_with(sheet, extra=MAX_MEMBERS))
    assert said(exc) == "intake_zip_bomb"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (4 * 1024 * 1024))
    with pytest.raises(IntakeError) as exc:
        parse_export("forms.xlsx", bomb.getvalue())
    assert said(exc) == "intake_zip_bomb"


def test_a_workbook_with_a_dtd_is_refused() -> None:
    entities = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                b"<worksheet")
    with pytest.raises(IntakeError) as exc:
        parse_export("forms.xlsx", workbook_with("xl/worksheets/sheet1.xml", (rb"<worksheet", entities)))
    assert said(exc) == "intake_not_xlsx"


def test_a_zip_that_is_not_a_workbook() -> None:
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(IntakeError) as exc:
        parse_export("answers.xlsx", other.getvalue())
    assert said(exc) == "intake_not_xlsx"
    with pytest.raises(IntakeError) as exc:
        parse_export("answers.xlsx", b"PK\x03\x04 cut short")
    assert said(exc) == "intake_not_xlsx"


def test_cells_read_as_text() -> None:
    import datetime as dt

    values = (None, "a", 3, 3.0, 2.5, True, dt.datetime(2022, 9, 20, 10, 3), dt.date(2022, 9, 1))
    assert [cell_text(v) for v in values] == ["", "a", "3", "3", "2.5", "TRUE", "2022-09-20 10:03:00", "2022-09-01"]

"""Made-up exports of form tools, for the intake's tests (no binary file is committed: every export
is made here, in the shape of the tool that would have written it).

What the shapes are based on (checked with public sources where they could be found):

- Microsoft Forms: an xlsx workbook, one sheet, the tool's own columns first — ID, 開始時刻, 完了時刻,
  メール, 名前 (English: ID, Start time, Completion time, Email, Name: the columns that code reading
  these exports skips) — then one column per question; the options of a multiple-choice question
  joined with `;` and ending with one (`A;B;`); `anonymous` as the e-mail of anonymous answers.
- Google Forms: CSV in UTF-8 without BOM, タイムスタンプ then メールアドレス (when the form collects
  them) then the questions; a checkbox question's options joined with `, ` in one cell (the reason
  survey authors are told to keep commas out of options).
- LoGoフォーム: no public description of its export was found; it is made here as what the issue
  describes and what Excel writes for a CSV in Japanese Windows — Shift_JIS (cp932) with CRLF, a
  受付番号 and 受付日時 first, and multiple choices one per line inside the cell. Treat it as an
  assumption, not a specification.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

Answer = tuple[str, str, Sequence[str]]
"""(e-mail, organisation as typed, options chosen)."""

SURVEY_HEADER = "関心のあるテーマ（複数選択可）"
ORG_HEADER = "所属団体名"

ONLINE = "行政手続きオンライン化"
PLANNING = "計画策定支援"
DX = "DX人材育成・活用"
STANDARD = "自治体システム標準化"

# The seed's ranking (1 online, 2 planning, 3 DX and standardisation tied) from 14 respondents of 10
# local governments, their organisations typed every way; row 3's respondent answers again in row 15
# (the last row counts: the first one's votes would break the tie).
SEED_SURVEY: list[Answer] = [
    ("a@toda.example", "戸田市", (ONLINE, PLANNING, DX, STANDARD)),
    ("b@toda.example", "埼玉県戸田市", (ONLINE, PLANNING)),
    ("c@toda.example", "戸田市役所 企画財政部", (ONLINE, PLANNING, DX, STANDARD)),  # answers again below
    ("d@fukaya.example", "深谷市役所 市民生活部収税課", (ONLINE, DX)),
    ("e@pref.example", "埼玉県庁", (ONLINE, STANDARD)),
    ("f@pref.example", "埼玉県 企画財政部 デジタル戦略課", (PLANNING, DX)),
    ("g@yorii.example", "寄居町役場", (ONLINE, PLANNING, STANDARD)),
    ("h@fuchu.example", "府中市", (ONLINE, PLANNING)),
    ("i@chiyoda.example", "千代田区役所 政策経営部", (ONLINE, DX, STANDARD)),
    ("j@yokosuka.example", "神奈川県横須賀市 デジタル・ガバメント推進室", (PLANNING, STANDARD)),
    ("k@kofu.example", "甲府市役所", (ONLINE, PLANNING, DX)),
    ("l@utsunomiya.example", "宇都宮市", (ONLINE, STANDARD)),
    ("m@mito.example", "水戸市役所 政策企画部", (PLANNING, STANDARD)),
    ("n@mito.example", "水戸市", (ONLINE, DX)),
    ("c@toda.example", "戸田市役所 企画財政部", (ONLINE, PLANNING, DX)),
]
"""Votes: 行政手続きオンライン化 11, 計画策定支援 9, DX人材育成・活用 7, 自治体システム標準化 7."""

SEED_GOVERNMENTS = {"112241", "112186", "110001", "114081", "132063", "131016", "142018", "192015", "092011",
                    "082015"}
"""The ten local governments of SEED_SURVEY (府中市 is Tokyo's: the repository's region)."""

QUESTION_HEADERS = {
    PLANNING: "「計画策定支援」についてのご質問",
    ONLINE: "「行政手続きオンライン化」についてのご質問",
    DX: "「DX人材育成・活用」についてのご質問",
}
SEED_QUESTIONS: list[tuple[str, str, dict[str, str]]] = [
    ("g@yorii.example", "寄居町役場", {
        PLANNING: "計画策定支援の支援内容、オンライン化、RPA導入の進め方等どこから取りかかって、"
                  "どのように進めていけば良いのか。"}),
    ("a@toda.example", "戸田市", {
        ONLINE: "業務が煩雑にならないような電子申請と既存の紙の運用を併用するにはどうすれば良いか。",
        PLANNING: "特になし"}),
    ("e@pref.example", "埼玉県庁", {
        DX: "直接住民と接する機会の少ない県において、市町村支援を含めたデジタルディバイド対策の効果的なあり方。"}),
    ("l@utsunomiya.example", "宇都宮市", {ONLINE: "なし", DX: ""}),
]
"""The seed's three questions, asked by 寄居町, 戸田市 and 埼玉県 (the prefecture asks about 県)."""
SEED_QUESTION_ASKERS = {PLANNING: "寄居町", ONLINE: "戸田市", DX: "埼玉県"}


def rows_of_survey(answers: Sequence[Answer], joiner: str, trailing: str = "") -> list[list[str]]:
    return [[email, org, joiner.join(options) + (trailing if options else "")] for email, org, options in answers]


def microsoft_forms_survey(answers: Sequence[Answer]) -> bytes:
    """An xlsx as Microsoft Forms exports it: ID, times, メール, 名前, then the questions."""
    header = ["ID", "開始時刻", "完了時刻", "メール", "名前", ORG_HEADER, SURVEY_HEADER]
    rows = [[str(n), "2022/9/20 10:00:00", "2022/9/20 10:03:00", email, "", org, cell]
            for n, (email, org, cell) in enumerate(rows_of_survey(answers, ";", ";"), 1)]
    return xlsx([header, *rows])


def google_forms_survey(answers: Sequence[Answer], blank_rows: bool = False) -> bytes:
    """A CSV as Google Forms downloads it: UTF-8 without BOM, options joined with ", "."""
    header = ["タイムスタンプ", "メールアドレス", ORG_HEADER, SURVEY_HEADER]
    rows: list[list[str]] = []
    for n, (email, org, cell) in enumerate(rows_of_survey(answers, ", "), 1):
        rows.append([f"2022/09/{n:02d} 10:00:00", email, org, cell])
        if blank_rows and n % 4 == 0:
            rows.append(["", "", "", ""])
    return csv_bytes([header, *rows]).encode("utf-8")


def logo_form_survey(answers: Sequence[Answer]) -> bytes:
    """A CSV as assumed for LoGoフォーム: Shift_JIS, CRLF, options one a line in the cell."""
    header = ["受付番号", "受付日時", ORG_HEADER, "メールアドレス", SURVEY_HEADER]
    rows = [[f"{n:05d}", "2022/09/20 10:00", org, email, cell]
            for n, (email, org, cell) in enumerate(rows_of_survey(answers, "\n"), 1)]
    return csv_bytes([header, *rows], crlf=True).encode("cp932")


def microsoft_forms_questions(entries: Sequence[tuple[str, str, dict[str, str]]]) -> bytes:
    """The questions as Microsoft Forms exports them: one free-text column per theme."""
    themes = list(QUESTION_HEADERS)
    header = ["ID", "開始時刻", "完了時刻", "メール", "名前", ORG_HEADER, *QUESTION_HEADERS.values()]
    rows = [[str(n), "2022/9/21 9:00:00", "2022/9/21 9:10:00", email, "", org, *(asked.get(t, "") for t in themes)]
            for n, (email, org, asked) in enumerate(entries, 1)]
    return xlsx([header, *rows])


def csv_bytes(rows: Sequence[Sequence[str]], crlf: bool = False) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return buffer.getvalue()


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook of one sheet with these rows, as openpyxl writes it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

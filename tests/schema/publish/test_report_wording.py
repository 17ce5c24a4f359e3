"""The report's wording (schema.publish.report), rule by rule, on meetings built here: every agenda kind,
speakers of each role, with and without addresses, titles and answers.

The rule behind them all: every text of the report states fields of the record (`explain_report`
names them), and goes when they are blank — an optional field removed, an element of a list taken
out, a required value changed. So no sentence points at nothing or says what the record does not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from schema.files.locate import KeyPath
from schema.load.loader import load_repository
from schema.models import AGENDA_KINDS, Meeting, Records
from schema.models.examples import EXAMPLE_FILES, EXAMPLE_MEETING_ID
from schema.publish.report import Report, Section, build_report, explain_report
from schema.publish.templating import render
from tests.helpers import PROJECT, V2_FIXTURES

# -- meetings built here ----------------------------------------------------------------------

PEOPLE: dict[str, dict[str, Any]] = {
    "official": {"name": "佐藤 美幸", "kana": "さとう みゆき", "title": "関東総合通信局情報通信部長",
                 "role": "official"},
    "advisor": {"name": "松永 智也", "kana": "まつなが ともや", "title": "上尾市CIO補佐官", "role": "advisor",
                "advisor": "oyama-mizuho"},
    "staff": {"name": "田辺 結衣", "kana": "たなべ ゆい", "title": "戸田市 情報政策課 主任", "role": "municipal-staff",
              "municipalities": ["112241"]},
    "guest": {"name": "今村 茜", "title": "株式会社毎日みらい創造ラボ", "role": "guest"},
}
FIRST = {
    "official": "関東総合通信局情報通信部長 佐藤 美幸(さとう みゆき)",
    "advisor": "上尾市CIO補佐官 松永 智也(まつなが ともや)氏",
    "staff": "戸田市 情報政策課 主任 田辺 結衣(たなべ ゆい)氏",
    "guest": "株式会社毎日みらい創造ラボ 今村 茜氏",
}
"""How the report names each person the first time."""


@pytest.fixture(scope="module")
def records() -> Records:
    return load_repository(PROJECT).records


def meeting(*agenda: dict[str, Any], **fields: Any) -> Meeting:
    """A meeting of 2023-11-14 with the people above and this agenda."""
    data: dict[str, Any] = {
        "id": "2023-11-14-kanto-advisor-meeting", "title": "令和5年度 関東総合通信局 地域情報化アドバイザー会議",
        "kind": "advisor-meeting", "bureau": "kanto", "date": dt.date(2023, 11, 14), "fiscal_year": 2023,
        "format": "online", "people": PEOPLE, "agenda": list(agenda)}
    data.update(fields)
    return Meeting.model_validate(data)


def item(kind: str, title: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "title": title, **fields}


def texts(report: Report) -> list[str]:
    """Every text of a report a reader reads, but for the headings (fixed words or a title)."""
    out = [t for t in (report.published, report.publisher, report.headline, report.lead) if t]

    def blocks(section: Section) -> Iterator[str]:
        for block in section.blocks:
            yield from _block_texts(block)
        for inner in section.sections:
            yield from blocks(inner)

    for section in report.sections:
        out += blocks(section)
    return out


def _block_texts(block: Any) -> Iterator[str]:
    if block.kind == "paragraphs":
        yield from ("".join(piece.text for piece in paragraph) for paragraph in block.paragraphs)
    elif block.kind == "lines":
        yield from block.lines
    elif block.kind == "bullets":
        for bullet in block.items:
            yield bullet.text
            yield from bullet.sub
    else:
        for entry in block.entries:
            yield from entry.lines
            for inner in entry.blocks:
                yield from _block_texts(inner)


def sentences(m: Meeting, records: Records) -> list[str]:
    return texts(build_report(m, records))


def lead_of(m: Meeting, records: Records) -> str:
    """The first sentence of the only agenda item."""
    report = build_report(m, records)
    block = report.sections[-1].blocks[0]
    assert block.kind == "paragraphs"
    return "".join(piece.text for piece in block.paragraphs[0])


# -- every text states fields, and goes when they are blank --------------------------------------


def _variants(m: Meeting, path: KeyPath) -> list[Meeting]:
    """The meeting with the value at `path` blank: an optional field removed, an element of a
    list or table taken out; a required value changed instead (each other member of an enum)."""
    data = m.model_dump()
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if isinstance(parent, list):
        parent.pop(last)  # type: ignore[arg-type]
        return [Meeting.model_validate(data)]
    value = parent.pop(last)
    try:
        return [Meeting.model_validate(data)]
    except ValidationError:
        pass
    changed: list[Any]
    if isinstance(value, Enum):
        changed = [member for member in type(value) if member != value]
    elif isinstance(value, bool):
        changed = [not value]
    elif isinstance(value, str):
        changed = [value + "改"]
    elif isinstance(value, int):
        changed = [value + 1]
    elif isinstance(value, dt.date):
        changed = [value + dt.timedelta(days=1)]
    else:
        raise AssertionError(f"{path}: cannot blank or change {value!r}")
    out = []
    for other in changed:
        parent[last] = other
        out.append(Meeting.model_validate(data))
    return out


def _kinds_and_roles() -> Meeting:
    """Every agenda kind, once with each speaking role."""
    agenda = []
    for kind in AGENDA_KINDS:
        for role in PEOPLE:
            people = {"survey": "presenters", "presentation": "presenters", "qa": "addressees"}.get(kind, "speakers")
            if kind in ("consultation", "discussion"):
                people = "facilitators"
            agenda.append(item(kind, f"{kind} {role}", **{people: [role]}))
    return meeting(*agenda)


def _built(name: str, records: Records) -> tuple[Meeting, Records]:
    if name == "kinds and roles":
        return _kinds_and_roles(), records
    if name == "example":
        root = PROJECT / "schema" / "models" / "examples.py"
        assert root.exists()
        return _example_meeting(), _example_records()
    if name == "seed":
        return records.meetings["2022-10-05-kanto-advisor-meeting"], records
    path = V2_FIXTURES / "meetings" / f"{name}.toml"
    import tomli

    return Meeting.model_validate(tomli.loads(path.read_text(encoding="utf-8"))), records


def _example_records() -> Records:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    for relpath, text in EXAMPLE_FILES.items():
        (folder / relpath).parent.mkdir(parents=True, exist_ok=True)
        (folder / relpath).write_text(text, encoding="utf-8")
    return load_repository(folder).records


def _example_meeting() -> Meeting:
    return _example_records().meetings[EXAMPLE_MEETING_ID]


@pytest.mark.parametrize("name", ["seed", "example", "kinds and roles", "2023-11-14-kanto-advisor-meeting",
                                  "2024-02-08-kanto-consultation-session"])
def test_every_text_states_fields_and_goes_when_they_are_blank(name: str, records: Records) -> None:
    m, recs = _built(name, records)
    report, said = explain_report(m, recs)
    noted = Counter(s.text for s in said)
    assert not Counter(texts(report)) - noted, "a text of the report that no field is behind"
    assert [s.text for s in said if not s.needs] == []
    failures = []
    for sentence in said:
        for need in sentence.needs:
            variants = _variants(m, need)
            if all(Counter(sentences(v, recs))[sentence.text] >= noted[sentence.text] for v in variants):
                failures.append(f"{sentence.text!r} stays when {need} is blank")
    assert failures == []


def test_a_report_of_nothing_but_the_required_fields_says_only_what_they_state(records: Records) -> None:
    report = build_report(meeting(), records)
    assert texts(report) == ["関東総合通信局", "「令和5年度 関東総合通信局 地域情報化アドバイザー会議」を開催",
                             "関東総合通信局は、令和5年11月14日(火曜日)、オンラインによる「令和5年度 関東総合通信局 "
                             "地域情報化アドバイザー会議」を開催しました。"]
    assert [s.title for s in report.sections] == []


# -- 1. honorifics follow the speaker -----------------------------------------------------------

HONORIFICS = [
    ("opening-remarks", "開会挨拶", "official", "{official}より開会挨拶を行いました。"),
    ("opening-remarks", "開会挨拶", "advisor", "{advisor}より開会挨拶をいただきました。"),
    ("closing-remarks", "閉会挨拶", "official", "{official}から閉会挨拶を行いました。"),
    ("closing-remarks", "閉会挨拶", "guest", "{guest}から閉会挨拶をいただきました。"),
    ("remarks", "来賓挨拶", "guest", "{guest}より来賓挨拶をいただきました。"),
    ("briefing", "地域情報化施策について", "official",
     "{official}より「地域情報化施策について」と題して施策説明を行いました。"),
    ("briefing", "施策説明", "official", "{official}より施策説明を行いました。"),
    ("briefing", "施策説明", "advisor", "{advisor}よりご説明いただきました。"),
    ("activity-report", "活動報告", "advisor", "{advisor}より活動内容をご報告いただきました。"),
    ("activity-report", "活動報告", "official", "{official}より活動報告を行いました。"),
    ("self-introductions", "自己紹介", "staff", "{staff}より自己紹介をいただきました。"),
    ("presentation", "書かない窓口", "guest", "{guest}より「書かない窓口」と題して発表いただきました。"),
    ("presentation", "発表", "staff", "{staff}より発表いただきました。"),  # a talk without a title
    ("other", "事務連絡", "advisor", "{advisor}より事務連絡をいただきました。"),
    ("other", "事務連絡", "official", "{official}より事務連絡を行いました。"),
]


@pytest.mark.parametrize(("kind", "title", "role", "expected"), HONORIFICS)
def test_honorifics_follow_the_speaker(kind: str, title: str, role: str, expected: str, records: Records) -> None:
    field = "presenters" if kind == "presentation" else "speakers"
    assert lead_of(meeting(item(kind, title, **{field: [role]})), records) == expected.format(**FIRST)


def test_unnamed_speakers_are_worded_by_their_role_where_the_record_gives_it(records: Records) -> None:
    unnamed = {"role": "speakers", "description": "関東総合通信局長"}
    plain = meeting(item("opening-remarks", "開会挨拶", unnamed=[unnamed]))
    assert lead_of(plain, records) == "関東総合通信局長より開会挨拶がありました。"  # not known: neutral
    official = meeting(item("opening-remarks", "開会挨拶", unnamed=[{**unnamed, "person_role": "official"}]))
    assert lead_of(official, records) == "関東総合通信局長より開会挨拶を行いました。"
    nobody = meeting(item("opening-remarks", "開会挨拶"))
    assert lead_of(nobody, records) == "開会挨拶がありました。"
    mixed = meeting(item("opening-remarks", "開会挨拶", speakers=["official", "advisor"]))
    assert lead_of(mixed, records).endswith("より開会挨拶がありました。")
    division = meeting(item("briefing", "施策説明", division="総務省地域情報化企画室"))
    assert lead_of(division, records) == "総務省地域情報化企画室より施策説明を行いました。"  # the ministry's own


# -- 2. no sentence points at nothing or says nothing happened ----------------------------------


def test_a_material_is_pointed_at_only_with_its_address(records: Records) -> None:
    talk = item("presentation", "書かない窓口", presenters=["guest"], materials=[
        {"title": "発表資料", "format": "PDF"}, {"title": "活動報告"},
        {"title": "説明資料", "url": "https://example.jp/a.pdf", "format": "PDF"},
        {"title": "参考資料", "url": "https://example.jp/b.html"}])
    m = meeting(talk, materials=[{"title": "出席者一覧", "format": "PDF"}])
    said = sentences(m, records)
    assert [s for s in said if "ご覧ください" in s] == ["説明資料はこちら(PDF)をご覧ください。",
                                                        "参考資料はこちらをご覧ください。"]
    page = render("report", "html", report=build_report(m, records))
    assert '説明資料は<a href="https://example.jp/a.pdf">こちら</a>(PDF)をご覧ください。' in page
    markdown = render("report", "md", report=build_report(m, records))
    assert "説明資料は[こちら](<https://example.jp/a.pdf>)(PDF)をご覧ください。" in markdown
    assert "出席者" not in markdown and "発表資料" not in markdown and "活動報告" not in markdown


def test_an_answer_not_recorded_is_not_said_to_be_missing(records: Records) -> None:
    asked = {"text": "費用はどの程度か。", "by": ["staff"]}
    talk = item("presentation", "書かない窓口", presenters=["guest"], questions=[asked])
    consultation = item("consultation", "オンライン相談会", topics=[{"title": "計画策定支援", "questions": [asked]}])
    said = sentences(meeting(talk, consultation), records)
    assert not [s for s in said if "回答" in s]
    markdown = render("report", "md", report=build_report(meeting(talk, consultation), records))
    assert "回答なし" not in markdown and "主な回答" not in markdown and "提案・回答" not in markdown
    unanswered = item("presentation", "書かない窓口", presenters=["guest"], questions=[{**asked, "unanswered": True}])
    report = render("report", "md", report=build_report(meeting(unanswered), records))
    assert "  - 当日は回答に至りませんでした。" in report and "回答なし" not in report


# -- 3. nothing invented, nothing twice -----------------------------------------------------------


def test_the_overall_theme_is_said_once(records: Records) -> None:
    twice = meeting(theme_title="自治体のDX推進について", summary="今年度は「自治体のDX推進について」をテーマに開催。")
    assert sum("自治体のDX推進について" in s for s in sentences(twice, records)) == 1
    once = meeting(theme_title="「自治体のDX推進について」")
    assert "今年度は、「自治体のDX推進について」をテーマに開催しました。" in sentences(once, records)


def test_a_talk_without_a_title_has_no_titled_as(records: Records) -> None:
    talks = [item("presentation", "支援成果等紹介", heading="支援成果等紹介", presenters=["guest"]),
             item("presentation", "発表", heading="支援成果等紹介", presenters=["staff"])]
    report = build_report(meeting(*talks), records)
    assert not [s for s in texts(report) if "「" in s and ("発表」" in s or "紹介」" in s)]
    entries = report.sections[-1].blocks[1]
    assert entries.kind == "entries" and [e.lines for e in entries.entries] == [(FIRST["guest"],), (FIRST["staff"],)]


def test_the_facilitators_of_every_kind_are_named(records: Records) -> None:
    report = item("activity-report", "活動報告", speakers=["advisor"], facilitators=["official"])
    assert lead_of(meeting(report), records) == (
        f"{FIRST['official']}の進行により、{FIRST['advisor']}より活動内容をご報告いただきました。")


def test_observers_keep_their_scope(records: Records) -> None:
    attendance = {"municipalities": 10, "municipal_staff": 14, "municipalities_scope": "関東管内",
                  "observers": {"municipalities": 3, "people": 5, "named": ["112232"],
                                "municipalities_scope": "関東管内"}}
    assert ("会議は関東管内の地方公共団体10団体14名が参加し、関東管内の地方公共団体3団体5名(蕨市ほか)が傍聴する中での"
            "開催となりました。") in sentences(meeting(attendance=attendance), records)


def test_line_breaks_in_an_opinion_stay_in_both_formats(records: Records) -> None:
    discussion = item("discussion", "意見交換", opinions=[{"text": "一行目。\n二行目。"}])
    report = build_report(meeting(discussion), records)
    assert "<li>一行目。<br>\n二行目。</li>" in render("report", "html", report=report)
    assert "- 一行目。\\\n  二行目。" in render("report", "md", report=report)


def test_the_record_says_how_attendance_and_the_headline_are_worded(records: Records) -> None:
    attendance = {"advisors": 15, "municipalities": 12, "municipal_staff": 20, "verb": "took-part"}
    said = sentences(meeting(attendance=attendance, headline="「地域情報化アドバイザー会議」の開催"), records)
    assert "会議はアドバイザー15名、地方公共団体12団体20名が参加する中での開催となりました。" in said
    assert "「地域情報化アドバイザー会議」の開催" in said
    default = sentences(meeting(attendance={"advisors": 15, "municipalities": 12}), records)
    assert "会議はアドバイザー15名の出席に加え、地方公共団体12団体が参加する中での開催となりました。" in default


# -- 4. prose, not data labels --------------------------------------------------------------------


def test_counts_and_places_read_as_sentences(records: Records) -> None:
    said = sentences(meeting(attendance={"officials": 4, "others": 2}, municipalities=["112241", "112232"]), records)
    assert "会議は総務省職員4名、関係者2名が参加する中での開催となりました。" in said
    assert "関係する地方公共団体は、戸田市、蕨市です。" in said
    assert not [s for s in said if re.search(r"[^\d]:", s) or "総合通信局職員" in s]


def test_a_part_is_described_in_a_sentence(records: Records) -> None:
    part = {"title": "第1部 支援成果等紹介", "audience": "自治体職員・アドバイザー", "format": "hybrid",
            "start_time": dt.time(13, 30), "end_time": dt.time(15),
            "attendance": {"municipalities": 12, "municipal_staff": 20}}
    m = meeting(item("opening-remarks", "開会挨拶", part="part1"), parts={"part1": part})
    assert ("第1部は自治体職員・アドバイザーを対象に、13:30～15:00に会場とオンラインの併用で開催し、地方公共団体12団体"
            "20名が参加しました。") in sentences(m, records)
    only = meeting(item("opening-remarks", "開会挨拶", part="p"),
                   parts={"p": {"title": "交流会", "attendance": {"advisors": 3}}})
    assert "交流会には、アドバイザー3名が出席しました。" in sentences(only, records)


def test_multi_day_and_hybrid_leads_read_as_the_bureau_writes_them(records: Records) -> None:
    m = meeting(end_date=dt.date(2023, 11, 15), format="hybrid", venue={"name": "戸田市役所5階大会議室"},
                people={"head": {"name": "新井 孝雄", "kana": "あらい たかお", "title": "関東総合通信局長",
                                 "role": "official"}})
    assert build_report(m, records).lead == (
        "関東総合通信局(局長:新井 孝雄(あらい たかお))は、令和5年11月14日(火曜日)から15日(水曜日)までの2日間、"
        "戸田市役所5階大会議室において、オンライン併用により「令和5年度 関東総合通信局 地域情報化アドバイザー会議」を"
        "開催しました。")
    timed = meeting(start_time=dt.time(13, 30), end_time=dt.time(16, 30), format="in-person",
                    venue={"name": "さいたま新都心合同庁舎1号館", "address": "さいたま市中央区新都心1-1"})
    assert build_report(timed, records).lead == (
        "関東総合通信局は、令和5年11月14日(火曜日)13:30～16:30、さいたま新都心合同庁舎1号館(さいたま市中央区新都心1-1)"
        "において、「令和5年度 関東総合通信局 地域情報化アドバイザー会議」を開催しました。")
    months = meeting(end_date=dt.date(2023, 12, 1))
    assert "令和5年11月14日(火曜日)から12月1日(金曜日)までの18日間、" in build_report(months, records).lead


def test_survey_units_and_the_talks_introduction(records: Records) -> None:
    survey = item("survey", "事前アンケート結果紹介", presenters=["advisor"], surveyed="自治体職員",
                  question="関心のあるテーマ", responses=42,
                  ranking=[{"rank": 1, "label": "行政手続きオンライン化", "votes": 18}])
    talks = [item("presentation", f"発表{n}", heading="支援成果等紹介", presenters=[who])
             for n, who in ((1, "guest"), (2, "staff"))]
    said = sentences(meeting(survey, *talks), records)
    assert f"冒頭、{FIRST['advisor']}より、自治体職員を対象としたアンケート結果をご紹介いただきました。" in said
    assert said[said.index("関心のあるテーマ") + 1:][:2] == ["1位 行政手続きオンライン化(18票)", "回答数 42件"]
    assert "最後に、2名から支援成果等についてご紹介いただきました。" in said


def test_connectives_vary_as_the_seed_does(records: Records) -> None:
    items = [item("other", f"議事{n}") for n in range(6)]
    leads = [s.split("、")[0] for s in sentences(meeting(*items), records) if s.endswith("を行いました。")]
    assert leads == ["冒頭", "続いて", "続いて", "その後", "続いて", "最後に"]


def test_ranges_use_the_full_width_tilde(records: Records) -> None:
    timed = item("presentation", "書かない窓口", presenters=["guest"], heading="支援成果等紹介",
                 start_time=dt.time(13, 30), end_time=dt.time(14))
    report = render("report", "md", report=build_report(meeting(timed, start_time=dt.time(13)), records))
    assert "13:30～14:00" in report and "〜" not in report

"""Planning an intake and applying it through the editing session (schema.intake.plan, .survey,
.questions): what the terminal UI will call — one function that returns the planned changes, one
that applies them through the session's save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from schema.edit.session import EditSession
from schema.files import tomlparse
from schema.intake import (
    IntakeError,
    QuestionOptions,
    SurveyOptions,
    apply_plan,
    parse_export,
    parse_maps,
    plan_questions,
    plan_survey,
)
from schema.load.loader import parse_repository
from schema.models import Meeting
from schema.models.writer import dumps_model
from tests import intake_exports as made
from tests.helpers import SEED_MEETING, copy_records

SEED_ID = "2022-10-05-kanto-advisor-meeting"


def session(repo: Path) -> EditSession:
    return EditSession(repo, parse_repository(repo))


def meeting_doc(repo: Path) -> dict[str, Any]:
    return tomlparse.loads((repo / SEED_MEETING).read_text(encoding="utf-8"))


def item(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(i for i in doc["agenda"] if i["kind"] == kind)


def rewrite(repo: Path, change: Any) -> None:
    doc = meeting_doc(repo)
    change(doc)
    (repo / SEED_MEETING).write_text(dumps_model(Meeting.model_validate(doc)), encoding="utf-8")


def planned_doc(plan: Any) -> dict[str, Any]:
    return plan.docs[SEED_MEETING]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped records, planned on (never written: a plan writes nothing)."""
    return copy_records(tmp_path_factory.mktemp("records") / "records")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_records(tmp_path / "records")


@pytest.mark.parametrize("shape", ["microsoft", "google", "logo"])
def test_the_seed_ranking_from_each_tool(shape: str, shipped: Path) -> None:
    data = {"microsoft": made.microsoft_forms_survey, "google": made.google_forms_survey,
            "logo": made.logo_form_survey}[shape](made.SEED_SURVEY)
    before = (shipped / SEED_MEETING).read_bytes()
    plan = plan_survey(session(shipped), parse_export(f"answers.{'xlsx' if shape == 'microsoft' else 'csv'}", data),
                       SEED_ID)
    assert not plan.blocked and [c.relpath for c in plan.changes] == [SEED_MEETING]
    survey = item(planned_doc(plan), "survey")
    assert [(r["rank"], r["label"], r["theme"], r["votes"]) for r in survey["ranking"]] == [
        (1, "行政手続きオンライン化", "online-procedures", 11), (2, "計画策定支援", "planning-support", 9),
        (3, "DX人材育成・活用", "dx-talent", 7), (3, "自治体システム標準化", "system-standardization", 7)]
    assert survey["responses"] == 14
    assert set(survey["municipalities"]) == made.SEED_GOVERNMENTS
    assert survey["question"] == "関心のあるテーマ"  # the record's own wording stays
    texts = [f.said.text for f in plan.findings]
    assert "「府中市」 (row 9): taken as 東京都府中市, in the region of Kanto Bureau (also: 広島県府中市)" in texts
    assert "rows 4 and 16 are one respondent" in " ".join(texts) or shape == "logo"
    assert (shipped / SEED_MEETING).read_bytes() == before  # planned, not written


def test_a_meeting_without_a_survey_gets_one_before_its_consultation(repo: Path) -> None:
    rewrite(repo, lambda doc: doc["agenda"].pop(1))
    export = parse_export("a.csv", made.google_forms_survey(made.SEED_SURVEY))
    plan = plan_survey(session(repo), export, SEED_ID)
    agenda = planned_doc(plan)["agenda"]
    assert [i["kind"] for i in agenda] == ["opening-remarks", "presentation", "presentation", "survey",
                                            "consultation", "closing-remarks"]
    assert agenda[3]["title"] == "アンケート" and agenda[3]["question"] == "関心のあるテーマ"  # from the header
    assert "a new agenda item 4 of the kind Survey is added" in [f.said.text for f in plan.findings]


def test_several_surveys_are_chosen_by_item(repo: Path) -> None:
    rewrite(repo, lambda doc: doc["agenda"].insert(3, {"kind": "survey", "title": "二つ目のアンケート"}))
    export = parse_export("a.csv", made.google_forms_survey(made.SEED_SURVEY))
    with pytest.raises(IntakeError) as exc:
        plan_survey(session(repo), export, SEED_ID)
    assert exc.value.said.text == f"{SEED_ID} has several items of the kind Survey (2, 4); choose one with --item"
    plan = plan_survey(session(repo), export, SEED_ID, SurveyOptions(item=4))
    assert planned_doc(plan)["agenda"][3]["responses"] == 14 and "responses" not in planned_doc(plan)["agenda"][1]
    with pytest.raises(IntakeError) as exc:
        plan_survey(session(repo), export, SEED_ID, SurveyOptions(item=1))
    assert exc.value.said.text == "agenda item 1 is of the kind Opening remarks, not Survey"


def test_a_note_on_a_ranking_line_is_kept(repo: Path) -> None:
    rewrite(repo, lambda doc: item(doc, "survey")["ranking"][1].update(note="口頭で補足あり。"))
    plan = plan_survey(session(repo), parse_export("a.csv", made.google_forms_survey(made.SEED_SURVEY)), SEED_ID)
    ranking = item(planned_doc(plan), "survey")["ranking"]
    assert [r.get("note") for r in ranking] == [None, "口頭で補足あり。", None, None]


def test_unknown_options_block_until_mapped(shipped: Path) -> None:
    answers = [*made.SEED_SURVEY, ("x@example.jp", "戸田市", ("オンライン手続", "業務改善"))]
    export = parse_export("a.csv", made.google_forms_survey(answers))
    plan = plan_survey(session(shipped), export, SEED_ID)
    assert plan.blocked and plan.changes == []
    blocking = [f.said.text for f in plan.findings if f.blocking]
    assert blocking[0].startswith("「オンライン手続」 (row 17) matches no theme")
    assert blocking[1].startswith("「業務改善」 (row 17) matches no theme")
    plan = plan_survey(session(shipped), export, SEED_ID, SurveyOptions(maps=parse_maps(
        ["オンライン手続=online-procedures", "業務改善=bpr", "使わない=bpr"])))
    assert not plan.blocked
    themes = tomlparse.loads(plan.changes[1].after.decode())["themes"]  # type: ignore[union-attr]
    assert themes["online-procedures"]["aliases"] == ["オンライン手続"] and themes["bpr"]["aliases"] == ["業務改善"]
    assert "--map 「使わない」: not in the export; not kept" in [f.said.text for f in plan.findings]
    with pytest.raises(IntakeError) as exc:
        plan_survey(session(shipped), export, SEED_ID, SurveyOptions(maps={"業務改善": "bpx"}))
    assert exc.value.said.text == '--map 業務改善: no theme "bpx" (did you mean "bpr"?)'
    with pytest.raises(IntakeError):
        parse_maps(["業務改善"])
    with pytest.raises(IntakeError) as exc:  # an alias of one theme that is another's name: never
        plan_survey(session(shipped), export, SEED_ID, SurveyOptions(maps={"計画策定支援": "dx-talent"}))
    assert exc.value.said.text == "--map 計画策定支援: 「計画策定支援」 is already a name of the theme planning-support"


def test_a_column_named_or_found(shipped: Path) -> None:
    export = parse_export("a.csv", made.google_forms_survey(made.SEED_SURVEY))
    named = plan_survey(session(shipped), export, SEED_ID, SurveyOptions(column="関心のあるテーマ(複数選択可)"))
    assert named.changes == plan_survey(session(shipped), export, SEED_ID).changes
    with pytest.raises(IntakeError) as exc:
        plan_survey(session(shipped), export, SEED_ID, SurveyOptions(column="関心のあるテーマ(複数選択)"))
    assert exc.value.said.text.startswith("a.csv: no column 「関心のあるテーマ(複数選択)」 (did you mean "
                                          "\"関心のあるテーマ（複数選択可）\"?); the columns are 「タイムスタンプ」")
    with pytest.raises(IntakeError) as exc:
        plan_survey(session(shipped), export, "2022-10-05-kanto-advisor-meetin")
    assert exc.value.said.text == f'no meeting "{SEED_ID[:-1]}" (did you mean "{SEED_ID}"?)'
    with pytest.raises(IntakeError):
        plan_survey(session(shipped), export, "../themes")


def test_organisations_that_match_nothing_are_reported_not_guessed(shipped: Path) -> None:
    answers = [("a@x.jp", "株式会社リンクデータ", (made.ONLINE,)), ("b@x.jp", "伊達市", (made.ONLINE,)),
               ("c@x.jp", "", (made.ONLINE,)), ("d@x.jp", "戸田市", (made.ONLINE,))]
    plan = plan_survey(session(shipped), parse_export("a.csv", made.google_forms_survey(answers)), SEED_ID)
    texts = [f.said.text for f in plan.findings]
    assert "「株式会社リンクデータ」 (row 2): no local government of this name; not linked" in texts
    assert ("「伊達市」 (row 3): several local governments have this name (北海道伊達市, 福島県伊達市); not linked: "
            "add the prefecture") in texts
    assert "row 4: no organisation given; not linked" in texts
    assert item(planned_doc(plan), "survey")["municipalities"] == ["112241"]


# -- questions ------------------------------------------------------------------------------------


def without_questions(repo: Path) -> None:
    def strip(doc: dict[str, Any]) -> None:
        for topic in item(doc, "consultation")["topics"]:
            del topic["questions"]
    rewrite(repo, strip)


def topics_of(doc: dict[str, Any]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    return [(t["theme"], [(q["text"], q.get("municipalities", [])) for q in t.get("questions", [])])
            for t in item(doc, "consultation")["topics"]]


def test_one_column_per_theme(repo: Path) -> None:
    without_questions(repo)
    plan = plan_questions(session(repo), parse_export("q.xlsx", made.microsoft_forms_questions(made.SEED_QUESTIONS)),
                          SEED_ID)
    assert not plan.blocked
    found = topics_of(planned_doc(plan))
    assert [(theme, [codes for _, codes in questions]) for theme, questions in found] == [
        ("planning-support", [["114081"]]), ("online-procedures", [["112241"]]), ("dx-talent", [["110001"]])]
    assert ("q.xlsx: 4 rows, 3 questions: 3 added, 0 linked to their local government, 0 already in the record; "
            "2 answers that ask nothing left out") in [f.said.text for f in plan.findings]


def test_a_theme_column_and_a_question_column_and_new_rows_later(repo: Path) -> None:
    rows = [["タイムスタンプ", "メールアドレス", "所属", "テーマ", "ご質問"],
            ["1", "a@toda.example", "戸田市", "行政手続きオンライン化",
             "業務が煩雑にならないような電子申請と\n既存の紙の運用を併用するにはどうすれば良いか。"],
            ["2", "b@fukaya.example", "深谷市役所", "自治体システム標準化", "標準化の移行計画をどう立てるか。"]]
    first = parse_export("q.csv", made.csv_bytes(rows).encode())
    edit = session(repo)
    written = apply_plan(edit, plan_questions(edit, first, SEED_ID))
    assert [c.relpath for c in written.changes] == [SEED_MEETING]
    found = dict(topics_of(meeting_doc(repo)))
    # The seed's question, written over two lines in the form, is the same question: linked, not added.
    seed_question = "業務が煩雑にならないような電子申請と既存の紙の運用を併用するにはどうすれば良いか。"
    assert found["online-procedures"] == [(seed_question, ["112241"])]
    assert found["system-standardization"] == [("標準化の移行計画をどう立てるか。", ["112186"])]  # a new topic
    rows.append(["3", "c@fuchu.example", "府中市", "計画策定支援", "ＤＸ推進計画の策定手順は。"])
    later = parse_export("q.csv", made.csv_bytes(rows).encode())
    plan = plan_questions(session(repo), later, SEED_ID)
    assert ("q.csv: 3 rows, 3 questions: 1 added, 0 linked to their local government, 2 already in the record; "
            "0 answers that ask nothing left out") in [f.said.text for f in plan.findings]
    added = dict(topics_of(planned_doc(plan)))["planning-support"][-1]
    assert added == ("ＤＸ推進計画の策定手順は。", ["132063"])  # as typed
    # Compared after NFKC: the same question typed again in half-width letters is not added twice.
    apply_plan(session(repo), plan)
    rows[-1][-1] = "DX推進計画の 策定手順は。"
    again = plan_questions(session(repo), parse_export("q.csv", made.csv_bytes(rows).encode()), SEED_ID)
    assert ("q.csv: 3 rows, 3 questions: 0 added, 0 linked to their local government, 3 already in the record; "
            "0 answers that ask nothing left out") in [f.said.text for f in again.findings]


def test_an_unknown_theme_in_the_theme_column_blocks(shipped: Path) -> None:
    rows = [["所属", "テーマ", "質問"], ["戸田市", "計画策定支援", "a"], ["戸田市", "計画策定支援", "b"],
            ["戸田市", "防災", "c"]]
    plan = plan_questions(session(shipped), parse_export("q.csv", made.csv_bytes(rows).encode()), SEED_ID)
    assert plan.blocked
    assert [f.said.text.split(" matches")[0] for f in plan.findings if f.blocking] == ["「防災」 (row 4)"]
    named = plan_questions(session(shipped), parse_export("q.csv", made.csv_bytes(rows).encode()), SEED_ID,
                           QuestionOptions(maps={"防災": "digital-divide"}))
    assert not named.blocked


# -- applying through the session -----------------------------------------------------------------


def test_applying_goes_through_the_session_and_refuses_a_draft_edited_since(repo: Path) -> None:
    edit = session(repo)
    export = parse_export("a.csv", made.google_forms_survey(made.SEED_SURVEY))
    plan = plan_survey(edit, export, SEED_ID)
    draft = edit.open(SEED_MEETING)
    assert not draft.dirty  # the plan worked on copies
    draft.set(("title",), "別の会議名")  # the user edits the meeting before confirming
    with pytest.raises(IntakeError) as exc:
        apply_plan(edit, plan)
    assert exc.value.said.key == "message.intake_stale"
    assert draft.get(("title",)) == "別の会議名" and "ranking" in item(draft.doc, "survey")  # as it was
    draft.undo()
    written = apply_plan(edit, plan)
    assert [c.relpath for c in written.changes] == [SEED_MEETING] and not draft.dirty
    assert item(meeting_doc(repo), "survey")["responses"] == 14
    assert edit.last_save == written.changes  # the session's one save: "revert last save" can undo it


def test_a_plan_whose_records_would_be_invalid_is_not_written(repo: Path) -> None:
    rows = [["所属", "テーマ", "質問"], ["戸田市", "計画策定支援", "見えない\u200b文字"]]
    edit = session(repo)
    plan = plan_questions(edit, parse_export("q.csv", made.csv_bytes(rows).encode()), SEED_ID)
    assert plan.blocked and plan.problems and plan.problems[0].code == "E105"
    before = (repo / SEED_MEETING).read_bytes()
    with pytest.raises(IntakeError):
        apply_plan(edit, plan)
    assert (repo / SEED_MEETING).read_bytes() == before

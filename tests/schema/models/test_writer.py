"""The canonical layout of the writer (schema.models.writer's docstring), case by case."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import tomli

from schema.files.atomic import write_text_atomic
from schema.models import (
    Advisor,
    AdvisorsFile,
    Affiliation,
    Answer,
    Attendance,
    Consultation,
    Meeting,
    MunicipalitiesFile,
    Municipality,
    Person,
    Rank,
    Remarks,
    Survey,
    Theme,
    ThemesFile,
    Topic,
)
from schema.models.writer import dumps_document, dumps_model, format_key, format_string


def meeting(**fields: object) -> Meeting:
    base: dict[str, object] = {
        "id": "2022-10-05-kanto-advisor-meeting",
        "title": "令和4年度 関東総合通信局 地域情報化アドバイザー会議",
        "kind": "advisor-meeting",
        "bureau": "kanto",
        "date": dt.date(2022, 10, 5),
        "fiscal_year": 2022,
        "format": "online",
    }
    return Meeting(**(base | fields))


def test_scalars_in_model_order_with_dates_as_toml_dates() -> None:
    text = dumps_model(meeting())
    assert text == (
        'id = "2022-10-05-kanto-advisor-meeting"\n'
        'title = "令和4年度 関東総合通信局 地域情報化アドバイザー会議"\n'
        'kind = "advisor-meeting"\n'
        'bureau = "kanto"\n'
        "date = 2022-10-05\n"
        "fiscal_year = 2022\n"
        'format = "online"\n'
    )
    assert tomli.loads(text)["date"] == dt.date(2022, 10, 5)


def test_unset_and_default_fields_are_omitted() -> None:
    text = dumps_model(meeting(venue=None, themes=[], people={}))
    assert "venue" not in text and "themes" not in text and "people" not in text


def test_arrays_of_scalars_one_element_per_line() -> None:
    text = dumps_model(meeting(themes=["bpr", "dx-talent"]))
    assert 'themes = [\n    "bpr",\n    "dx-talent",\n]\n' in text


def test_short_array_of_tables_is_still_blocks() -> None:
    file = AdvisorsFile(advisors={"a": Advisor(
        name="岡村 久和", kana="おかむら ひさかず", affiliations=[Affiliation(organization="x")])})
    assert dumps_model(file) == (
        "[advisors.a]\n"
        'name = "岡村 久和"\n'
        'kana = "おかむら ひさかず"\n'
        "\n"
        "[[advisors.a.affiliations]]\n"
        'organization = "x"\n'
    )


def test_nested_arrays_of_tables_keep_their_order() -> None:
    item = Consultation(kind="consultation", title="オンライン相談会", topics=[
        Topic(theme="planning-support", answers=[Answer(text="b", by=["okamura"])]),
        Topic(theme="bpr"),
    ])
    text = dumps_model(meeting(agenda=[Remarks(kind="opening-remarks", title="開会挨拶"), item]))
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers == ["[[agenda]]", "[[agenda]]", "[[agenda.topics]]",
                       "[[agenda.topics.answers]]", "[[agenda.topics]]"]
    assert text.index('theme = "planning-support"') < text.index('theme = "bpr"')


def test_survey_ties_keep_their_order() -> None:
    survey = Survey(kind="survey", title="アンケート", ranking=[
        Rank(rank=1, label="行政手続きオンライン化"), Rank(rank=3, label="DX人材育成・活用"),
        Rank(rank=3, label="自治体システム標準化")])
    reloaded = Meeting.model_validate(tomli.loads(dumps_model(meeting(agenda=[survey]))))
    assert reloaded.agenda == [survey]


def test_records_sorted_by_key() -> None:
    file = MunicipalitiesFile(municipalities={
        "112241": Municipality(name="戸田市", kana="とだし", kind="city"),
        "110001": Municipality(name="埼玉県", kana="さいたまけん", kind="prefecture"),
        "112186": Municipality(name="深谷市", kana="ふかやし", kind="city"),
    })
    headers = [line for line in dumps_model(file).splitlines() if line.startswith("[")]
    assert headers == ["[municipalities.110001]", "[municipalities.112186]",
                       "[municipalities.112241]"]


def test_meeting_people_sorted_and_table_of_tables_has_no_header_of_its_own() -> None:
    people = {
        "shimoyama": Person(name="下山 紗代子", role="advisor"),
        "arai": Person(name="新井 孝雄", role="official"),
    }
    text = dumps_model(meeting(people=people))
    assert "[people]" not in text
    assert text.index("[people.arai]") < text.index("[people.shimoyama]")


def test_scalars_first_then_tables_in_model_order() -> None:
    text = dumps_model(meeting(
        note="メモ",
        attendance=Attendance(advisors=18),
        people={"arai": Person(name="新井 孝雄", role="official")},
        agenda=[Remarks(kind="closing-remarks", title="閉会")],
    ))
    assert text.index('note = "メモ"') < text.index("[attendance]")
    assert text.index("[attendance]") < text.index("[people.arai]") < text.index("[[agenda]]")


def test_empty_sub_table_keeps_its_header() -> None:
    text = dumps_model(meeting(attendance=Attendance()))
    assert text.endswith('\n\n[attendance]\n')
    assert Meeting.model_validate(tomli.loads(text)).attendance == Attendance()


def test_blank_line_before_every_header_none_at_start_final_newline() -> None:
    file = ThemesFile(themes={
        "bpr": Theme(label="業務改革(BPR)", label_en="BPR"),
        "dx": Theme(label="DX", label_en="DX"),
    })
    text = dumps_model(file)
    assert text == (
        "[themes.bpr]\n"
        'label = "業務改革(BPR)"\n'
        'label_en = "BPR"\n'
        "\n"
        "[themes.dx]\n"
        'label = "DX"\n'
        'label_en = "DX"\n'
    )
    assert "\r" not in text


def test_empty_file_is_one_line_break() -> None:
    assert dumps_model(ThemesFile()) == "\n"
    assert tomli.loads(dumps_model(ThemesFile())) == {}


def test_multiline_text_one_paragraph_per_line() -> None:
    theme = Theme(label="x", label_en="x", description="一段落目。\n二段落目。\n\n四段落目。")
    text = dumps_model(ThemesFile(themes={"x": theme}))
    assert 'description = """\n一段落目。\n二段落目。\n\n四段落目。"""\n' in text
    assert ThemesFile.model_validate(tomli.loads(text)).themes["x"] == theme


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("岡村 久和", '"岡村 久和"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\path", '"C:\\\\path"'),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\u0007"'),
        ("cr\ronly", '"cr\\ronly"'),
        ("rtl\u202eevil", '"rtl\\u202eevil"'),
        ("zero\u200bwidth", '"zero\\u200bwidth"'),
        ("emoji 🎌", '"emoji 🎌"'),
        ("a\nb", '"""\na\nb"""'),
        ('ends with quote"\nx"', '"""\nends with quote"\nx\\""""'),
        ('three """ quotes\nx', '"""\nthree \\"\\"" quotes\nx"""'),
        ("crlf\r\nline", '"""\ncrlf\\r\nline"""'),
        ("\nleading break", '"""\n\nleading break"""'),
        ("back\\\nslash\\", '"""\nback\\\\\nslash\\u005c"""'),  # taplo misreads `\\"""`
    ],
)
def test_strings(value: str, written: str) -> None:
    assert format_string(value) == written
    assert tomli.loads(f"v = {written}")["v"] == value


@pytest.mark.parametrize(
    ("key", "written"),
    [("okamura-hisakazu", "okamura-hisakazu"), ("112241", "112241"), ("snake_case", "snake_case"),
     ("with space", '"with space"'), ("日本", '"日本"'), ("", '""'), ("a.b", '"a.b"')],
)
def test_keys(key: str, written: str) -> None:
    assert format_key(key) == written
    assert tomli.loads(f"{written} = 1") == {key: 1}


def test_document_with_every_value_type_round_trips() -> None:
    doc = {
        "s": "文字列", "i": -3, "b": True, "f": 1.5, "d": dt.date(2022, 10, 5),
        "t": dt.datetime(2022, 10, 5, 13, 30), "empty": [], "nested": [[1, 2], ["a"]],
        "table": {"x": 1, "sub": {"y": 2}}, "tables": [{"a": 1}, {"a": 2, "inner": {"z": 3}}],
        "only_tables": {"k": {"v": 1}},
    }
    assert tomli.loads(dumps_document(doc)) == doc


def test_document_mixing_tables_and_values_in_an_array_is_refused() -> None:
    with pytest.raises(TypeError):
        dumps_document({"a": [{"x": 1}, 2]})
    with pytest.raises(TypeError):
        dumps_document({"a": object()})


def test_writer_agrees_with_hand_written_seed_style() -> None:
    """The seed meeting as first sketched by hand, with `kind` where the model puts it."""
    item = Consultation(kind="consultation", title="オンライン相談会", facilitators=["shimoyama"],
                        topics=[Topic(theme="planning-support")])
    text = dumps_model(meeting(
        attendance=Attendance(advisors=18, municipalities=10, municipal_staff=14),
        people={"okamura": Person(name="岡村 久和", role="advisor", advisor="okamura-hisakazu")},
        agenda=[item],
    ))
    assert "\n\n[attendance]\nadvisors = 18\nmunicipalities = 10\nmunicipal_staff = 14\n" in text
    assert '\n\n[people.okamura]\nname = "岡村 久和"\nrole = "advisor"\n' in text
    assert 'facilitators = [\n    "shimoyama",\n]\n' in text
    assert '\n\n[[agenda.topics]]\ntheme = "planning-support"\n' in text


# ---------------------------------------------------------------------------------------------
# Atomic writes


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "themes.toml"
    assert write_text_atomic(target, "a = 1\n")
    assert target.read_bytes() == b"a = 1\n"
    assert write_text_atomic(target, "a = 2\r\n")
    assert target.read_bytes() == b"a = 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["themes.toml"]


def test_atomic_write_leaves_unchanged_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "themes.toml"
    target.write_bytes("名 = 1\n".encode())
    os.utime(target, (1_000_000, 1_000_000))
    assert not write_text_atomic(target, "名 = 1\n")
    assert target.stat().st_mtime == 1_000_000


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "advisors.toml"
    target.write_text("a = 1\n")
    target.chmod(0o640)
    assert write_text_atomic(target, "a = 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_atomic_write_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("a = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert write_text_atomic(link, "a = 2\n")
    assert link.is_symlink() and real.read_text() == "a = 2\n"


def test_atomic_write_removes_its_temporary_file_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "themes.toml"
    target.write_text("a = 1\n")

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_text_atomic(target, "a = 2\n")
    assert [p.name for p in tmp_path.iterdir()] == ["themes.toml"]
    assert target.read_text() == "a = 1\n"

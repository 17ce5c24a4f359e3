"""The generic comparison of two parsed documents (schema.diff.tree) and of two texts (schema.diff.chars):
records, fields, moves, names — without git and without the models."""

from __future__ import annotations

import copy
import datetime
import random
from typing import Any

import pytest
import tomli

from schema.diff.chars import (
    FIELD_WORK,
    RUN_WORK,
    Budget,
    CountingMatcher,
    char_segments,
    item_segments,
    new_text,
    old_text,
    text_segments,
)
from schema.diff.tree import Change, collection_key, diff_documents, name, steps_to
from tests.helpers import PROJECT, SEED_MEETING


@pytest.fixture
def meeting() -> dict[str, Any]:
    return tomli.loads((PROJECT / SEED_MEETING).read_text(encoding="utf-8"))


def described(changes: list[Change]) -> list[str]:
    out = []
    for c in changes:
        where = name(c.where, c.field)
        if c.kind == "moved":
            assert c.moved_from is not None and c.moved_to is not None
            out.append(f"moved {where}: {c.moved_from + 1} → {c.moved_to + 1}")
        else:
            out.append(f"{c.kind} {where}")
    return out


# -- text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "segments"), [
    ("目標達成", "目的達成", (("=", "目"), ("-", "標"), ("+", "的"), ("=", "達成"))),
    ("申請のみオンライン化", "申請だけオンライン化",
     (("=", "申請"), ("-", "のみ"), ("+", "だけ"), ("=", "オンライン化"))),
    ("abc", "abc", (("=", "abc"),)),
    ("", "新しい", (("+", "新しい"),)),
    ("古い", "", (("-", "古い"),)),
    # one kept character between two changes is folded into them
    ("赤い花と白い鳥", "青い花と黒い鳥", (("-", "赤"), ("+", "青"), ("=", "い花と"), ("-", "白"), ("+", "黒"),
                                  ("=", "い鳥"))),
    ("AxB", "CxD", (("-", "AxB"), ("+", "CxD"))),
])
def test_char_segments(old: str, new: str, segments: tuple[tuple[str, str], ...]) -> None:
    found = char_segments(old, new)
    assert found == segments
    assert old_text(found) == old and new_text(found) == new


def test_char_segments_keep_both_texts_whole() -> None:
    old = "最初からDX化を進めていくことにフォーカスを当てるのではなく、自治体本来の目標に立ち返る。\n二行目"
    new = "最初はDX化を進めることにフォーカスを当てず、自治体本来の目的に立ち返る。\n二行目です"
    found = char_segments(old, new)
    assert old_text(found) == old and new_text(found) == new
    assert ("=", "DX化を進め") in found


# -- bounded work (issue 19, item 4) ----------------------------------------------------------------


def _scattered(length: int, letters: str, every: int) -> tuple[str, str]:
    """A text of `length` characters over a few letters, and the same with every `every`-th one changed."""
    rng = random.Random(19)
    old = "".join(rng.choice(letters) for _ in range(length))
    new = "".join("ん" if n % every == 0 else char for n, char in enumerate(old))
    return old, new


PATHOLOGICAL = {
    "19,990 characters over ten letters, 21 changed": _scattered(19_990, "あいうえおかきくけこ", 997),
    '"ab"*9999 → "ba"*9999': ("ab" * 9999, "ba" * 9999),
}
"""Texts that difflib took 53 s and 30 s to compare by character (issue 19: 81.7 s and 28.9 s
through `daicho diff --format markdown`)."""


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_the_work_on_one_text_is_bounded_and_the_fallback_said(case: str) -> None:
    old, new = PATHOLOGICAL[case]
    budget = Budget()
    segments, granularity = text_segments(old, new, budget)
    assert granularity != "characters"  # the report says so (tests/cli/test_diff.py)
    assert budget.coarse == 1
    # by character, then by sentence, each within the field's limit; and reading the two texts once
    assert budget.spent <= 2 * FIELD_WORK + len(old) + len(new)
    assert old_text(segments) == old and new_text(segments) == new


def test_the_work_of_a_run_is_bounded() -> None:
    """Forty texts that each fit the field's limit: once the run's is spent, the rest are compared
    as wholes, each said to be."""
    assert RUN_WORK == 10 * FIELD_WORK
    old, new = _scattered(1_000, "あいうえおかきくけこさしすせそ", 100)  # about 290,000 steps
    old_doc = {f"text{n}": old for n in range(40)}
    new_doc = {f"text{n}": new for n in range(40)}
    budget = Budget(run=RUN_WORK // 5)  # the mechanism, at a fifth of the run's steps (the test's time)
    changes = diff_documents(old_doc, new_doc, budget)
    granularities = [c.granularity for c in changes]
    assert granularities[0] == "characters" and granularities[-1] == "whole"
    assert budget.spent <= budget.run + 2 * FIELD_WORK + 40 * (len(old) + len(new))
    assert budget.coarse == granularities.count("whole") + granularities.count("sentences")
    for change in changes:
        assert change.segments is not None
        assert old_text(change.segments) == old and new_text(change.segments) == new


def test_long_elements_are_matched_within_the_budget() -> None:
    """Matching elements by similarity costs its comparisons too: past the budget the element is
    paired by its place (same shape), its text compared coarser."""
    old, new = _scattered(20_000, "あいうえおかきくけこ", 50)
    changes = diff_documents({"agenda": [{"kind": "other", "text": old}]},
                             {"agenda": [{"kind": "other", "text": new}, {"kind": "other", "text": "x"}]},
                             budget := Budget())
    assert budget.spent <= 3 * FIELD_WORK + 4 * (len(old) + len(new))
    assert [(c.kind, c.field) for c in changes] == [("changed", "text"), ("added", None)]
    assert changes[0].granularity != "characters"


def _difflib_steps(a: str, b: str) -> int:
    """The steps of difflib's `find_longest_match` inner loops over a whole comparison, counted as
    difflib takes them (a copy of its loops without the bookkeeping)."""
    b2j: dict[str, list[int]] = {}
    for j, char in enumerate(b):
        b2j.setdefault(char, []).append(j)
    steps = 0
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        besti, bestj, bestsize = alo, blo, 0
        j2len: dict[int, int] = {}
        for i in range(alo, ahi):
            new_j2len: dict[int, int] = {}
            for j in b2j.get(a[i], []):
                steps += 1
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = new_j2len[j] = j2len.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = new_j2len
        if bestsize:
            if alo < besti and blo < bestj:
                queue.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                queue.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    return steps


@pytest.mark.parametrize("seed", range(6))
def test_the_counter_counts_at_least_the_steps_difflib_takes(seed: int) -> None:
    rng = random.Random(seed)
    a = "".join(rng.choice("あいうab") for _ in range(rng.randint(1, 300)))
    b = "".join(rng.choice("あいうbc") for _ in range(rng.randint(1, 300)))
    matcher = CountingMatcher(a, b, 10**9)
    matcher.get_opcodes()
    assert matcher.steps >= _difflib_steps(a, b)


def test_item_segments() -> None:
    assert item_segments(["a", "b", "c"], ["a", "c", "d"]) == (("=", "a"), ("-", "b"), ("=", "c"), ("+", "d"))


# -- records and fields ----------------------------------------------------------------------------


def test_equal_documents(meeting: dict[str, Any]) -> None:
    assert diff_documents(meeting, copy.deepcopy(meeting)) == []


def test_field_changes(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["date"] = datetime.date(2022, 10, 6)
    new["attendance"]["advisors"] = 19
    del new["attendance"]["note"]
    new["themes"].append("bpr")
    new["contact"]["email"] = "kanto@example.jp"
    changes = diff_documents(meeting, new)
    assert described(changes) == ["changed date", "changed themes", "changed attendance: advisors",
                                  "removed attendance: note", "added contact: email"]
    assert changes[0].old == datetime.date(2022, 10, 5)
    assert changes[1].items == (("=", "planning-support"), ("=", "online-procedures"), ("=", "dx-talent"),
                                ("+", "bpr"))


def test_records_by_id(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    del new["people"]["sato"]
    new["people"]["tanaka"] = {"name": "田中 一郎", "role": "official"}
    new["people"]["okamura"]["title"] = "亜細亜大学教授"
    changes = diff_documents(meeting, new)
    assert described(changes) == ["changed people.okamura 岡村 久和: title", "added people.tanaka 田中 一郎",
                                  "removed people.sato 佐藤 美幸"]
    assert changes[1].new == {"name": "田中 一郎", "role": "official"}


def test_files_of_records() -> None:
    themes = tomli.loads((PROJECT / "themes.toml").read_text(encoding="utf-8"))
    assert collection_key(themes) == "themes"
    new = copy.deepcopy(themes)
    new["themes"]["dx-talent"]["label"] = "DX人材"
    assert described(diff_documents(themes, new)) == ["changed themes.dx-talent DX人材: label"]


# -- arrays of tables: moves -----------------------------------------------------------------------


def test_agenda_item_moved(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["agenda"].insert(1, new["agenda"].pop(3))
    assert described(diff_documents(meeting, new)) == ["moved agenda 2 親子ワーケーションの可能性: 4 → 2"]


def test_last_item_moved_first(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["agenda"].insert(0, new["agenda"].pop())
    assert described(diff_documents(meeting, new)) == ["moved agenda 1 閉会挨拶: 6 → 1"]


def test_topic_moved_and_answer_moved(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    topics = new["agenda"][4]["topics"]
    topics.append(topics.pop(0))
    answers = topics[1]["answers"]  # DX人材育成・活用, now second
    answers.reverse()
    assert described(diff_documents(meeting, new)) == [  # in the order of the new document
        "moved agenda 5 オンライン相談会 › topics 2 DX人材育成・活用 › answers 2: 1 → 2",
        "moved agenda 5 オンライン相談会 › topics 3 計画策定支援: 1 → 3",
    ]


def test_moved_and_edited(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    item = new["agenda"].pop(2)
    item["summary"] = item["summary"].replace("書かない窓口", "書かない窓口・行かない窓口")
    new["agenda"].insert(4, item)
    changes = diff_documents(meeting, new)
    assert described(changes) == [
        "moved agenda 5 システム導入とBPR手法によるハイブリッド型の業務改革: 3 → 5",
        "changed agenda 5 システム導入とBPR手法によるハイブリッド型の業務改革: summary",
    ]
    assert ("+", "・行かない窓口") in (changes[1].segments or ())


def test_inserted_and_removed_elements_move_nothing(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["agenda"].insert(1, {"kind": "briefing", "title": "制度の説明", "speakers": ["sato"]})
    del new["agenda"][4]  # the second presentation (fifth, after the insertion)
    assert described(diff_documents(meeting, new)) == ["added agenda 2 制度の説明",
                                                       "removed agenda 4 親子ワーケーションの可能性"]


def test_answer_rewritten_in_place_is_a_change(meeting: dict[str, Any]) -> None:
    """Nothing in common but the place and the shape: still the same answer, rewritten."""
    new = copy.deepcopy(meeting)
    new["agenda"][4]["topics"][0]["answers"][1]["text"] = "まったく別の回答。"
    changes = diff_documents(meeting, new)
    assert described(changes) == ["changed agenda 5 オンライン相談会 › topics 1 計画策定支援 › answers 2: text"]


def test_an_item_that_gains_its_figures_in_place_is_changed(meeting: dict[str, Any]) -> None:
    """An intake fills a survey in: the item keeps its place and its kind while its local
    governments, responses and ranking are added, too much new text to be found similar. It is
    that item changed, field by field, not an item removed and another added."""
    old, new = copy.deepcopy(meeting), copy.deepcopy(meeting)
    assert old["agenda"][1]["kind"] == "survey"
    del old["agenda"][1]["ranking"]
    new["agenda"][1]["municipalities"] = ["082015", "092011", "110001", "112186", "112241", "114081", "131016",
                                          "132063", "142018", "192015"]
    new["agenda"][1]["responses"] = 14
    for line, votes in zip(new["agenda"][1]["ranking"], (11, 9, 7, 7), strict=True):
        line["votes"] = votes
    assert described(diff_documents(old, new)) == [f"added agenda 2 地方公共団体向け事前アンケート結果紹介: {key}"
                                                    for key in ("ranking", "municipalities", "responses")]


def test_replaced_by_another_kind_is_removed_and_added(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["agenda"][5] = {"kind": "discussion", "title": "意見交換"}
    assert described(diff_documents(meeting, new)) == ["removed agenda 6 閉会挨拶", "added agenda 6 意見交換"]


def test_swap_reports_one_move(meeting: dict[str, Any]) -> None:
    new = copy.deepcopy(meeting)
    new["agenda"][2], new["agenda"][3] = new["agenda"][3], new["agenda"][2]
    assert len([c for c in diff_documents(meeting, new) if c.kind == "moved"]) == 1


# -- names -----------------------------------------------------------------------------------------


def test_steps_to(meeting: dict[str, Any]) -> None:
    assert name(*steps_to(meeting, ("agenda", 4, "topics", 1, "theme"))) == \
        "agenda 5 オンライン相談会 › topics 2 行政手続きオンライン化: theme"
    assert name(*steps_to(meeting, ("themes", 1))) == "themes 2"
    assert name(*steps_to(meeting, ("people", "oyama", "advisor"))) == "people.oyama 大山 水帆: advisor"
    assert name(*steps_to(meeting, ("attendance", "advisors"))) == "attendance: advisors"
    assert name(*steps_to(meeting, ("agenda", 5, "speakers", 0))) == "agenda 6 閉会挨拶: speakers 1"

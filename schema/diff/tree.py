"""The differences between two parsed TOML documents, in record terms, knowing nothing of the models.

The documents are what a TOML parser gives (tables, arrays, scalars), so the comparison keeps
working when the record models change. Three shapes carry the meaning:

- a table whose values are all tables is a table of records keyed by id (`[themes.dx-talent]`,
  `[people.okamura]`): records are added, removed or changed, matched by their id;
- an array of tables (`[[agenda]]`, `[[agenda.topics]]`, `[[agenda.topics.answers]]`) is an ordered
  list whose elements have no id: they are matched by content — equal elements first (difflib on a
  stable fingerprint), then the most similar — so that an element that moved is reported as a
  move with its positions, and one that was edited as the fields that changed;
- anything else is a field, compared as a value: text character by character, a list of values
  element by element.

Every change is named by the steps that lead to it (`agenda 5 オンライン相談会 › topics 2 …`),
positions 1-based as people count, with each element's title, name or label.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from schema.diff.chars import (
    Budget,
    Granularity,
    OverBudget,
    Segment,
    item_segments,
    matched,
    similarity,
    text_segments,
)

LABEL_KEYS = ("name", "organization", "title", "label")
"""The fields that name an element or record, first found first (a person by name, not job title)."""
SIMILAR = 0.5
"""Two elements at least this similar (difflib ratio of their fingerprints) are one element edited."""
MAX_PAIRS = 10_000
"""Above this many candidate pairs, only equal elements are matched (the rest: removed and added)."""

ChangeKind = Literal["added", "removed", "changed", "moved"]
KeyPath = tuple[str | int, ...]
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Step:
    """One step from a document towards a change: a table (`attendance`), a record of a table of
    records (`people.okamura`), or an element of an array of tables (`agenda 5`)."""

    key: str
    index: int | None = None
    """0-based position in the array (shown 1-based)."""
    ident: str | None = None
    """The record's id in a table of records."""
    label: str | None = None
    """The element's or record's title, name or label."""

    def show(self) -> str:
        if self.index is not None:
            text = f"{self.key} {self.index + 1}"
        elif self.ident is not None:
            ident = self.ident if _BARE_KEY.fullmatch(self.ident) else json.dumps(self.ident, ensure_ascii=False)
            text = f"{self.key}.{ident}"
        else:
            text = self.key
        return f"{text} {self.label}" if self.label else text

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "index": None if self.index is None else self.index + 1,
                "id": self.ident, "label": self.label}


@dataclass(frozen=True, slots=True)
class Change:
    """One change. `where` leads to the record, element or table concerned; `field` names the
    field when a field changed (None when a whole record or element was added, removed or moved)."""

    kind: ChangeKind
    where: tuple[Step, ...]
    field: str | None = None
    old: Any = None
    new: Any = None
    keypath: KeyPath = ()
    """Key path in the target document (in the base document for a removal)."""
    segments: tuple[Segment, ...] | None = None
    """Character-level difference, when a text changed."""
    granularity: Granularity | None = None
    """How finely the text was compared (coarser than by character past the work budget)."""
    items: tuple[Segment, ...] | None = None
    """Element-level difference (values shown as text), when a list of values changed."""
    moved_from: int | None = None
    """0-based positions of a moved element."""
    moved_to: int | None = None


def name(steps: Sequence[Step], field_name: str | None = None) -> str:
    """`agenda 5 オンライン相談会 › topics 2 行政手続きオンライン化: text`."""
    text = " › ".join(step.show() for step in steps)
    if field_name is None:
        return text
    return f"{text}: {field_name}" if text else field_name


def label_of(value: Any) -> str | None:
    """An element's or record's own name: its title, name or label field."""
    if isinstance(value, dict):
        for key in LABEL_KEYS:
            found = value.get(key)
            if isinstance(found, str) and found.strip():
                return " ".join(found.split())
    return None


def is_record_table(*tables: Any) -> bool:
    """A table whose values are all tables (in every version given): a table of records keyed by id."""
    values = [v for t in tables if isinstance(t, dict) for v in t.values()]
    return bool(values) and all(isinstance(v, dict) for v in values) and all(isinstance(t, dict) for t in tables)


def collection_key(document: Any) -> str | None:
    """The key of a document that holds one table of records and nothing else (themes.toml holds
    `themes`); None for any other document (a meeting)."""
    if isinstance(document, dict) and len(document) == 1:
        (key, value), = document.items()
        if is_record_table(value):
            return str(key)
    return None


def fingerprint(value: Any) -> str:
    """A stable text of a value: equal values, equal fingerprints, whatever the key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))


def shown(value: Any) -> str:
    """A value as text for people: strings as they are, dates in ISO form, the rest as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return json.dumps(value, ensure_ascii=False, default=str)


def diff_documents(old: dict[str, Any], new: dict[str, Any], budget: Budget | None = None) -> list[Change]:
    """Every change from `old` to `new`, in the order of the new document; texts, lists and
    elements compared within `budget` (schema.diff.chars)."""
    out: list[Change] = []
    _Differ(budget if budget is not None else Budget(), out).table(old, new, (), (), None)
    return out


def steps_to(document: Any, keypath: KeyPath) -> tuple[tuple[Step, ...], str | None]:
    """The steps and field that name `keypath` in `document` the way changes are named."""
    steps: list[Step] = []
    value = document
    n = 0
    while n < len(keypath):
        key = keypath[n]
        child = value.get(key, _MISSING) if isinstance(value, dict) and isinstance(key, str) else _MISSING
        if child is _MISSING:
            break
        nxt = keypath[n + 1] if n + 1 < len(keypath) else None
        if isinstance(child, dict) and is_record_table(child) and isinstance(nxt, str) and nxt in child:
            steps.append(Step(str(key), ident=nxt, label=label_of(child[nxt])))
            value, n = child[nxt], n + 2
        elif isinstance(child, dict) and nxt is not None:
            steps.append(Step(str(key)))
            value, n = child, n + 1
        elif isinstance(child, list) and isinstance(nxt, int) and 0 <= nxt < len(child) \
                and isinstance(child[nxt], dict):
            steps.append(Step(str(key), index=nxt, label=label_of(child[nxt])))
            value, n = child[nxt], n + 2
        else:
            return tuple(steps), field_name(keypath[n:])
    return tuple(steps), field_name(keypath[n:])


def field_name(keypath: KeyPath) -> str | None:
    """`themes 1` for ("themes", 0), `contact.names` for ("contact", "names")."""
    text = ""
    for key in keypath:
        if isinstance(key, int):
            text += f" {key + 1}"
        else:
            text += f".{key}" if text else key
    return text or None


# ---------------------------------------------------------------------------------------------


def _union(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [*new, *(key for key in old if key not in new)]


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _is_value_list(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)


class _Differ:
    """One comparison of two documents: the changes found, and the work budget they share."""

    def __init__(self, budget: Budget, out: list[Change]) -> None:
        self.budget = budget
        self.out = out

    def table(self, old: dict[str, Any], new: dict[str, Any], where: tuple[Step, ...], keypath: KeyPath,
              records: str | None) -> None:
        """Compare two tables; with `records` (the table's key), a table of records keyed by id."""
        out = self.out
        for key in _union(old, new):
            before, after = old.get(key, _MISSING), new.get(key, _MISSING)
            path = (*keypath, key)
            if records is not None:
                step = Step(records, ident=key, label=label_of(after if after is not _MISSING else before))
                if before is _MISSING:
                    out.append(Change("added", (*where, step), new=after, keypath=path))
                elif after is _MISSING:
                    out.append(Change("removed", (*where, step), old=before, keypath=path))
                elif before != after:
                    self.table(before, after, (*where, step), path, None)
                continue
            if before is _MISSING:
                out.append(Change("added", where, key, new=after, keypath=path))
            elif after is _MISSING:
                out.append(Change("removed", where, key, old=before, keypath=path))
            else:
                self.value(key, before, after, where, path)

    def value(self, key: str, old: Any, new: Any, where: tuple[Step, ...], keypath: KeyPath) -> None:
        if type(old) is type(new) and old == new:
            return
        out = self.out
        if isinstance(old, dict) and isinstance(new, dict):
            if is_record_table(old, new):
                self.table(old, new, where, keypath, key)
            else:
                self.table(old, new, (*where, Step(key)), keypath, None)
        elif _is_table_array(old) and _is_table_array(new):
            self.table_arrays(key, old, new, where, keypath)
        elif _is_value_list(old) and _is_value_list(new):
            items = item_segments([shown(v) for v in old], [shown(v) for v in new], self.budget)
            out.append(Change("changed", where, key, old, new, keypath, items=items))
        elif isinstance(old, str) and isinstance(new, str):
            segments, granularity = text_segments(old, new, self.budget)
            out.append(Change("changed", where, key, old, new, keypath, segments=segments, granularity=granularity))
        else:
            out.append(Change("changed", where, key, old, new, keypath))

    def table_arrays(self, key: str, old: list[dict[str, Any]], new: list[dict[str, Any]],
                     where: tuple[Step, ...], keypath: KeyPath) -> None:
        out = self.out
        old_prints = [fingerprint(v) for v in old]
        new_prints = [fingerprint(v) for v in new]
        pairs = match_elements(old, new, old_prints, new_prints, self.budget)
        in_place = _in_place(pairs)
        by_new = {j: i for i, j in pairs}
        matched_old = set(by_new.values())
        removed = [i for i in range(len(old)) if i not in matched_old]

        def flush_removed(before: int) -> None:
            while removed and removed[0] < before:
                i = removed.pop(0)
                step = Step(key, index=i, label=label_of(old[i]))
                out.append(Change("removed", (*where, step), old=old[i], keypath=(*keypath, i)))

        anchors = [len(old)] * (len(new) + 1)  # the old position of the next element that stayed in place
        for j in range(len(new) - 1, -1, -1):
            i = by_new.get(j)
            anchors[j] = i if i is not None and (i, j) in in_place else anchors[j + 1]
        for j, element in enumerate(new):
            flush_removed(anchors[j])  # what was removed before here, before what was added here
            step = Step(key, index=j, label=label_of(element))
            here = (*where, step)
            path = (*keypath, j)
            i = by_new.get(j)
            if i is None:
                out.append(Change("added", here, new=element, keypath=path))
                continue
            if (i, j) not in in_place:
                out.append(Change("moved", here, new=element, keypath=path, moved_from=i, moved_to=j))
            if old_prints[i] != new_prints[j]:
                self.table(old[i], element, here, path, None)
        flush_removed(len(old))


def match_elements(old_elements: Sequence[dict[str, Any]], new_elements: Sequence[dict[str, Any]],
                   old: Sequence[str], new: Sequence[str], budget: Budget | None = None) -> list[tuple[int, int]]:
    """Pairs (old position, new position) of the elements that are one element, `old` and `new`
    being their fingerprints: equal runs in order (difflib), then equal elements anywhere (moved),
    then the most similar pairs by their text (edited, perhaps moved), then what is left of a
    replaced run, position by position when the elements have the same shape. Elements of
    different kinds (a `kind` field, as agenda items have) are never one element. Within `budget`:
    past it, fewer pairs are found (elements are then removed and added rather than edited)."""
    budget = budget if budget is not None else Budget()
    try:
        opcodes = matched(old, new, budget)
    except OverBudget:
        budget.coarse += 1
        opcodes = [("replace", 0, len(old), 0, len(new))]
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
    left_old = [i for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1, i2)]
    left_new = [j for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, j2)]
    if not left_old or not left_new:
        return sorted(pairs)
    # equal elements elsewhere: moved unchanged
    waiting: dict[str, list[int]] = {}
    for i in left_old:
        waiting.setdefault(old[i], []).append(i)
    still_new = []
    for j in left_new:
        if waiting.get(new[j]):
            pairs.append((waiting[new[j]].pop(0), j))
        else:
            still_new.append(j)
    taken = {i for i, _ in pairs}
    still_old = [i for i in left_old if i not in taken]
    # the most similar pairs: edited elements, wherever they went
    if still_old and still_new and len(still_old) * len(still_new) <= MAX_PAIRS:
        scored = []
        old_texts = {i: _text(old_elements[i]) for i in still_old}
        new_texts = {j: _text(new_elements[j]) for j in still_new}
        for i in still_old:
            for j in still_new:
                if old_elements[i].get("kind") != new_elements[j].get("kind"):
                    continue
                score = similarity(old_texts[i], new_texts[j], budget, SIMILAR)
                if score >= SIMILAR:
                    scored.append((-score, abs(i - j), i, j))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, _, i, j in sorted(scored):
            if i not in used_old and j not in used_new:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
        still_old = [i for i in still_old if i not in used_old]
        still_new = [j for j in still_new if j not in used_new]
    # what is left of a replaced run, position by position, when the elements have the same shape
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "replace":
            continue
        olds = [i for i in still_old if i1 <= i < i2]
        news = [j for j in still_new if j1 <= j < j2]
        for i, j in zip(olds, news, strict=False):
            if _same_shape(old_elements[i], new_elements[j]):
                pairs.append((i, j))
    return sorted(pairs)


def _same_shape(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same `kind` where the elements have one (an agenda item keeps its place and its kind
    while fields are added to it, as an intake adds a survey's figures), else the same keys."""
    if "kind" in a and "kind" in b:
        return bool(a["kind"] == b["kind"])
    return set(a) == set(b)


def _text(value: Any) -> str:
    """The values of an element without its keys, for similarity (keys make all elements alike)."""
    if isinstance(value, dict):
        return "\n".join(_text(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return shown(value)


def _in_place(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose order is kept (a longest increasing subsequence of the new
    positions): these stayed in place; every other pair moved."""
    pairs = sorted(pairs)
    tails: list[int] = []  # tails[k]: the smallest new position ending an increasing run of k+1
    tail_at: list[int] = []  # index into pairs of that tail
    parent: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        parent[n] = tail_at[k - 1] if k else -1
    kept: set[tuple[int, int]] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        kept.add(pairs[n])
        n = parent[n]
    return kept


"""The preview under a list: the row under the cursor in more words (a consultation's question
and answers with who gave them, a problem in full). Headless: text only."""

from __future__ import annotations

from schema.words.sanitize import printable
from tui.data import Ref, RepoData
from tui.i18n import Catalogue


def preview_text(data: RepoData, cat: Catalogue, ref: Ref) -> str:
    """The preview of a row's record, "" for a kind without one."""
    if ref.kind == "problem":
        problem = data.problems[int(ref.id)]
        return f"{problem.format_text(cat)}\n{problem.code}: {cat.problem_title(problem)}"
    if ref.kind != "consultation":
        return ""
    entry = data.consultation(ref.id)
    if entry is None:
        return ""
    t = cat.t
    meeting = data.meeting(entry.meeting_id)
    lines = [f"{t('outline.question')}  {entry.question}"]
    for number, answer in enumerate(entry.answers, start=1):
        names = [data.person_name(meeting, key) for key in answer.by] if meeting is not None else []
        names += [data.municipality_name(code) for code in answer.municipalities]
        who = f"({cat.separator.join(names)}) " if names else ""
        lines.append(f"{t('outline.answer_mark', n=number)}{who}{answer.text}")
    if not entry.answers:
        lines.append(t("outline.unanswered"))
    else:
        lines.insert(1, f"{t('outline.answered_by')}  {cat.separator.join(data.answerer_names(entry))}")
    return "\n".join(printable(line.replace("\n", " ")) for line in lines)

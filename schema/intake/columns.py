"""Which column of an export holds what: named by the user (`--column`), else found by its header.

Headers are compared as the filter compares text (`schema.read.textmatch.normalize`: full and half
width, kana in either script, case, spaces and middle dots do not matter), so 関心のあるテーマ（複数選択可）
is found by 関心のあるテーマ(複数選択可) too. A column named that is not there is refused with the
headers the export has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from schema.intake.errors import IntakeError
from schema.intake.exports import Export
from schema.load.suggest import Suggestions
from schema.read.textmatch import normalize
from schema.words.messages import say
from schema.words.sanitize import shorten

EMAIL_HEADERS = ("メールアドレス", "電子メール", "メール", "e-mail", "email", "mail")
"""Headers of the respondent's e-mail (Microsoft Forms: メール; Google Forms: メールアドレス)."""
RESPONDENT_HEADERS = ("回答者ID", "回答者番号", "利用者ID", "ユーザーID", "respondent id")
"""Headers of an id of the respondent (not of the response: Microsoft Forms' ID numbers responses)."""
ORGANISATION_HEADERS = ("地方公共団体名", "自治体名", "団体名", "所属団体", "所属自治体", "組織名", "機関名",
                        "地方公共団体", "自治体", "団体", "所属", "organization", "organisation")
"""Headers of the respondent's organisation, the surer first (所属 alone may be a department)."""
PREFECTURE_HEADERS = ("都道府県",)
"""Headers of a column of prefectures, where the form asks it apart from the organisation."""
QUESTION_HEADERS = ("質問", "相談", "課題", "ご意見", "question")
"""Headers of a column of questions."""
SHOWN_HEADERS = 12


def named_column(export: Export, header: str) -> int:
    """The column whose header is `header` (compared normalized); raises IntakeError."""
    wanted = normalize(header)
    found = [n for n, name in enumerate(export.headers) if normalize(name) == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        raise IntakeError(say("intake_column_twice", file=export.name, column=shorten(header)))
    close = Suggestions().closest(header, list(export.headers), n=1, cutoff=0.6)
    hint = say("did_you_mean", suggestion=close[0]) if close else ""
    raise IntakeError(say("intake_no_column", file=export.name, column=shorten(header), hint=hint,
                          columns=headers_list(export.headers)))


def headers_list(headers: Sequence[str]) -> str:
    shown = ", ".join(f"「{shorten(h, 40)}」" for h in headers[:SHOWN_HEADERS] if h)
    return shown + (" …" if len(headers) > SHOWN_HEADERS else "")


def header_column(export: Export, words: Iterable[str], exclude: Iterable[int] = ()) -> int | None:
    """The first column (by the order of `words`, then of the columns) whose header holds a word."""
    skip = set(exclude)
    headers = [(n, normalize(h)) for n, h in enumerate(export.headers) if n not in skip]
    for word in words:
        key = normalize(word)
        for column, header in headers:
            if key and key in header:
                return column
    return None


def email_or_respondent_column(export: Export) -> int | None:
    """The column that tells respondents apart: an e-mail column, else a respondent id column."""
    found = header_column(export, EMAIL_HEADERS)
    return found if found is not None else header_column(export, RESPONDENT_HEADERS)

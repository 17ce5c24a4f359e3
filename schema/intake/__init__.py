"""The intake: a form tool's export (the pre-meeting survey, the questions sent before a
consultation) read, matched to the records' vocabulary and planned as changes to a meeting.

    export = read_export(path)                          # exports.py, xlsx.py: the file, within limits
    plan = plan_survey(session, export, meeting_id, SurveyOptions(...))       # survey.py
    plan = plan_questions(session, export, meeting_id, QuestionOptions(...))  # questions.py
    plan.changes, plan.findings, plan.problems, plan.blocked
    apply_plan(session, plan)                           # plan.py: through the editing session's save

Matching: columns.py (which column holds what), respondents.py (one answer per respondent),
themes.py (options and headers to themes), organisations.py (organisations to local governments),
tally.py (votes and competition ranks). Headless: `daicho intake` prints, the UI shows.
"""

from __future__ import annotations

from schema.intake.errors import Finding, IntakeError
from schema.intake.exports import Export, Row, parse_export, read_export
from schema.intake.limits import MAX_BYTES
from schema.intake.organisations import repository_region
from schema.intake.plan import IntakePlan, apply_plan, parse_maps
from schema.intake.questions import QuestionOptions, plan_questions
from schema.intake.survey import SurveyOptions, plan_survey

__all__ = [
    "MAX_BYTES",
    "Export",
    "Finding",
    "IntakeError",
    "IntakePlan",
    "QuestionOptions",
    "Row",
    "SurveyOptions",
    "apply_plan",
    "parse_export",
    "parse_maps",
    "plan_questions",
    "plan_survey",
    "read_export",
    "repository_region",
]

"""The benchmark's synthetic repository generator: valid, canonical, deterministic, complete.

Small repositories only (the nationwide one is `make bench`'s business); speed is never asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from bench.generate import (
    MARKER,
    PROJECT,
    GenerateError,
    generate,
    version_key,
    version_sources,
)
from bench.generate import main as generate_main
from bench.run import Measured, Peers, Sample, report
from daicho.main import main
from schema.models import AGENDA_KINDS

SMALL = {"meetings": 20, "advisors": 15, "municipalities": 40}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "repo"
    generate(out, **SMALL)
    return out


def test_generated_repository_validates(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(small), "validate"]) == 0, capsys.readouterr().out


def test_generated_repository_is_canonical(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(small), "fmt", "--check"]) == 0, capsys.readouterr().out


def test_every_agenda_kind_appears(small: Path) -> None:
    kinds = set()
    for path in (small / "meetings").glob("*.toml"):
        kinds.update(item["kind"] for item in tomli.loads(path.read_text("utf-8"))["agenda"])
    assert kinds == set(AGENDA_KINDS)


def test_every_structure_of_real_reports_appears(small: Path) -> None:
    """Every structure the v2 model holds appears in a small repository (so the bench measures it)."""
    meetings = [tomli.loads(p.read_text("utf-8")) for p in sorted((small / "meetings").glob("*.toml"))]
    items = [item for m in meetings for item in m["agenda"]]
    questions = [q for item in items for q in item.get("questions", [])]
    questions += [q for item in items for t in item.get("topics", []) for q in t.get("questions", [])]
    answers = [a for q in questions for a in q.get("answers", [])]
    advisors = tomli.loads((small / "advisors.toml").read_text("utf-8"))["advisors"]
    found = {
        "parts": any(m.get("parts") for m in meetings),
        "items in parts": any("part" in item for item in items),
        "headings": any("heading" in item for item in items),
        "several posts": any(len(p.get("municipalities", [])) > 1 for m in meetings for p in m["people"].values()),
        "affiliation years": any(a.get("fiscal_years") for adv in advisors.values() for a in adv["affiliations"]),
        "unnamed roles": any(item.get("unnamed") for item in items) and any(m.get("unnamed") for m in meetings),
        "unnamed respondents": any(t.get("unnamed") for item in items for t in item.get("topics", [])),
        "theme as worded": any(m.get("theme_title") for m in meetings),
        "item about": any(item.get("municipalities") and item.get("themes") for item in items),
        "stand-alone Q&A": any(item["kind"] == "qa" for item in items),
        "asked to several": any(len(q.get("to", [])) > 1 for q in questions),
        "answered by a local government": any(a.get("municipalities") for a in answers),
        "unanswered": any(not q.get("answers") for q in questions),
        "anonymous": any(q.get("anonymous") for q in questions),
        "observers named": any(m.get("attendance", {}).get("observers", {}).get("named") for m in meetings),
        "no reading": any("kana" not in adv for adv in advisors.values()),
        "venue building": any(m.get("venue", {}).get("municipality") for m in meetings),
    }
    assert [name for name, present in found.items() if not present] == []


def test_sizes_and_references(small: Path) -> None:
    municipalities = tomli.loads((small / "municipalities.toml").read_text("utf-8"))["municipalities"]
    prefectures = [m for m in municipalities.values() if m["kind"] == "prefecture"]
    assert len(prefectures) == 47
    assert len(municipalities) == 47 + SMALL["municipalities"]
    advisors = tomli.loads((small / "advisors.toml").read_text("utf-8"))["advisors"]
    assert len(advisors) == SMALL["advisors"]
    assert any(a.get("municipality") for adv in advisors.values() for a in adv["affiliations"])
    assert len(list((small / "meetings").glob("*.toml"))) == SMALL["meetings"]
    assert (small / ".taplo.toml").is_file()
    assert (small / MARKER).is_file()


def test_generation_is_deterministic(small: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(again, **SMALL)
    generate(again, **SMALL)  # writing over a generated repository replaces it
    assert _files(again) == {k: v for k, v in _files(small).items()
                             if not k.startswith(".daicho-cache/")}


def test_synthetic_local_governments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the national list: synthetic codes with valid check digits, still a valid repository."""
    out = tmp_path / "synthetic"
    summary = generate(out, meetings=10, advisors=10, municipalities=60, reference=None)
    assert summary.reference == "synthetic"
    assert main(["--repo", str(out), "validate"]) == 0, capsys.readouterr().out
    assert main(["--repo", str(out), "fmt", "--check"]) == 0, capsys.readouterr().out


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(GenerateError, match=r"not empty and was not written by bench\.generate"):
        generate(tmp_path, meetings=1, advisors=1, municipalities=1)
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_main_on_a_file_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "some-file"
    target.write_text("keep me", encoding="utf-8")
    assert generate_main([str(target), "--meetings", "1", "--advisors", "1"]) == 2
    err = capsys.readouterr().err
    assert err == f"bench.generate: {target} is a file, not a folder; give a new or empty folder\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_main_on_a_folder_it_did_not_write(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "precious.txt").write_text("keep me", encoding="utf-8")
    assert generate_main([str(tmp_path), "--meetings", "1", "--advisors", "1"]) == 2
    assert "was not written by bench.generate" in capsys.readouterr().err


def test_version_key_covers_everything_that_shapes_the_output(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    for name in ("localgovjp-utf8.csv", "prefjp-utf8.csv"):
        (reference / name).write_text("pid,pref\n1,北海道\n", encoding="utf-8")
    cities = reference / "localgovjp-utf8.csv"
    sources = version_sources(cities)
    for path in (PROJECT / "schema" / "load" / "importer.py", PROJECT / "schema" / "files" / "ids.py",
                 PROJECT / "schema" / "models" / "writer.py", PROJECT / "schema" / "models" / "meeting.py",
                 cities, reference / "prefjp-utf8.csv"):
        assert path in sources, path
    key = version_key(cities)
    assert version_key(cities) == key
    (reference / "prefjp-utf8.csv").write_text("pid,pref\n1,北海道\n2,青森県\n", encoding="utf-8")
    assert version_key(cities) != key
    changed = version_key(cities)
    cities.write_text("pid,pref\n1,北海道,\n", encoding="utf-8")
    assert version_key(cities) != changed
    assert version_key(None) == version_key(tmp_path / "absent.csv") != key


def _row(label: str, cold: list[int], warm: list[int]) -> Measured:
    row = Measured(label, [["true"]], daicho=label.startswith("daicho"))
    row.cold = [Sample(1.0, 1024, code) for code in cold]
    row.warm = [Sample(0.5, 1024, code) for code in warm]
    return row


def _report(validate_cold: list[int]) -> list[str]:
    rows = [_row("daicho validate", validate_cold, [0, 0]),
            _row("daicho fmt --check", [0, 0], [0, 0]),
            _row("taplo lint (JSON Schemas)", [0, 0], [0, 0]),
            _row("taplo fmt --check", [0, 0], [0, 0]),
            _row("check-jsonschema (4 runs, one per schema)", [0, 0], []),
            _row("tomli parse of every file (floor)", [0, 0], [0, 0])]
    text = report(rows, None, "skipped", runs=2, repo_note="", stats="", peers=Peers(),
                  cached=True)
    return [line for line in text.splitlines() if line.startswith(("| validate", "| fmt"))]


def test_report_has_no_ratio_for_a_failed_run() -> None:
    ok = _report([0, 0])
    assert ok[0] == ("| validate / taplo lint | 1.00× (1.00×) | ≤ 0.6 **not met** | "
                     "1.00× (1.00×) | ≤ 0.2 **not met** |")
    failed = _report([0, 1])
    assert failed[0] == ("| validate / taplo lint | n/a (exit 1) | ≤ 0.6 n/a (exit 1) | "
                         "1.00× (1.00×) | ≤ 0.2 **not met** |")
    assert failed[1] == ("| validate / check-jsonschema | n/a (exit 1) | ≤ 0.15 n/a (exit 1) | "
                         "0.50× (0.50×) | (no target) |")
    assert failed[2] == ok[2]  # fmt --check is unaffected


def test_diff_bench_measures_every_case(small: Path) -> None:
    """bench/diff_bench.py on a small repository: every case runs daicho diff and reports its files."""
    from bench.diff_bench import TARGETS, measure, table

    cases = measure(small, 1, lambda _: None)
    assert [(c.label, c.failure) for c in cases] == [
        ("1 meeting changed (text)", ""), ("1 meeting changed (reference)", ""),
        ("100 meetings changed (text)", ""), ("100 meetings changed (reference)", ""),
        ("a 19,990-character text, 21 characters changed (Markdown)", ""), ('"ab"*9999 → "ba"*9999 (Markdown)', "")]
    assert all(len(c.seconds) == 1 for c in cases)
    text = table(cases, 1)
    assert text.count("| ≤ ") == 2 * len(TARGETS)
    assert not list(small.glob(".git"))  # the repository itself is left as it was

"""The benchmark's synthetic repository generator: valid, canonical, deterministic, complete.

Small repositories only (the nationwide one is `make bench`'s business); speed is never asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from bench.generate import MARKER, generate
from schema.cli.main import main
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
    with pytest.raises(SystemExit):
        generate(tmp_path, meetings=1, advisors=1, municipalities=1)
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep me"

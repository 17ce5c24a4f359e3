"""A new records repository for any bureau: what `daicho init DIR --bureau ID [--source URL|PATH]`
writes, and the one description of the files every records repository shares with daicho's own.

- `daicho.toml` naming the bureau; the theme vocabulary (`themes.toml`, as daicho's repository
  holds it); the national list of local governments (`municipalities.toml`, imported from the list
  daicho ships: advisors support local governments anywhere); an empty `advisors.toml`; no
  `meetings/` until the first meeting is saved;
- the JSON Schemas in `schema/json/` and `.taplo.toml` (schema.publish.jsonschema: editors validate
  offline; `daicho schema` keeps them current);
- `.gitattributes` (the word-diff driver), `.gitignore` (daicho's caches);
- `.pre-commit-config.yaml` and `.github/workflows/records.yml`, which install daicho from the
  source (`Source`): by default the project's repository ([project.urls] in the package metadata)
  at the installed version's tag;
- a short README in Japanese for the secretariat.

The templates are data files of this package (`records.yml.j2`, …), read through
importlib.resources; `[[ name ]]` marks what is filled in (GitHub's `${{ }}` stays as it is).
The workflow template is also daicho's own pull-request workflow (`workflow_text(".")`).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from schema.models import Bureau
from schema.words.messages import Message, SaidError, say

TEMPLATES = files("schema.publish.newrepo")

WORKFLOW_FILE = ".github/workflows/records.yml"
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
README_FILE = "README.md"
KEPT_ENTRIES = frozenset({".git"})
"""What the folder may hold before `daicho init` (a `git init` made it a repository)."""

_URL = re.compile(r"^(https?|ssh|git|file)://|^[\w.-]+@[\w.-]+:")


class InitError(SaidError):
    """The repository cannot be made; the message says why."""


@dataclass(frozen=True)
class Source:
    """Where a records repository installs daicho from: a git URL or a local checkout, and the
    revision its hooks and workflow use (a tag of a URL, the commit checked out in a checkout)."""

    location: str
    rev: str
    is_path: bool

    @property
    def requirement(self) -> str:
        """What `pip install` (and `uv tool install`, `pipx install`) are given."""
        return self.location if self.is_path else f"daicho @ git+{self.location}@{self.rev}"


def source_of(given: str | None) -> Source:
    """The source `--source` names (default: the project's repository at the installed version's
    tag). A local folder must be a git checkout: pre-commit installs hooks from a git repository."""
    from schema.files.distribution import repository_url, version

    if given is None:
        url = repository_url()
        if url is None:
            raise InitError(say("init.no_source"))
        return Source(url, f"v{version()}", is_path=False)
    if _URL.match(given):
        return Source(given, f"v{version()}", is_path=False)
    folder = Path(given).expanduser().resolve()
    try:
        head = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=folder, capture_output=True, text=True,
                              check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        raise InitError(say("init.source_not_checkout", path=str(folder))) from None
    commit = head.stdout.strip()
    checkout = head.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", commit) is not None
    if not checkout or not (folder / "pyproject.toml").is_file():
        raise InitError(say("init.source_not_checkout", path=str(folder)))
    return Source(str(folder), commit, is_path=True)


def template(name: str, **values: str) -> str:
    """A template of this package with `[[ name ]]` filled in."""
    import jinja2

    env = jinja2.Environment(variable_start_string="[[", variable_end_string="]]", autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string((TEMPLATES / name).read_text(encoding="utf-8")).render(**values)


def workflow_text(requirement: str) -> str:
    """The pull-request workflow, installing daicho from `requirement` (`.` in daicho's own)."""
    return template("records.yml.j2", install=shlex.quote(requirement))


def shared_text(name: str) -> str:
    """A file every records repository holds as daicho's own does: `gitattributes` (the
    word-diff driver), `gitignore` (the caches), `themes.toml` (the theme vocabulary)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def repository_files(bureau: Bureau, source: Source) -> dict[str, str]:
    """Repository-relative path → text of every file a new repository of `bureau` holds."""
    from schema.load.importer import reference_records, shipped_list
    from schema.models import AdvisorsFile, MunicipalitiesFile, Settings
    from schema.models.writer import dumps_model
    from schema.publish.jsonschema import repository_texts
    from schema.words.catalogue import Catalogue

    with shipped_list() as national:
        municipalities = reference_records(national, None, wards=True)
    made = {
        "daicho.toml": dumps_model(Settings(bureau=bureau)),
        "themes.toml": shared_text("themes.toml"),
        "municipalities.toml": dumps_model(MunicipalitiesFile(municipalities=municipalities)),
        "advisors.toml": dumps_model(AdvisorsFile()),
    }
    made.update(repository_texts())
    install = f"uv tool install {shlex.quote(source.requirement)}"
    project = source.location if not source.is_path else Path(source.location).as_uri()
    made.update({
        ".gitattributes": shared_text("gitattributes"),
        ".gitignore": shared_text("gitignore"),
        PRE_COMMIT_FILE: template("pre-commit-config.yaml.j2", source=source.location, rev=source.rev),
        WORKFLOW_FILE: workflow_text(source.requirement),
        README_FILE: template("README.md.j2", bureau=Catalogue("ja").enum("bureau", bureau.value),
                              bureau_id=bureau.value, install=install, project=project),
    })
    return made


def refuse_folder(folder: Path) -> Message | None:
    """Why `folder` cannot become a new repository (it holds anything but `.git`), or None."""
    if folder.exists() and not folder.is_dir():
        return say("init.not_folder", path=str(folder))
    try:
        found = sorted(entry for entry in os.listdir(folder) if entry not in KEPT_ENTRIES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return say("init.cannot_read", path=str(folder), reason=exc.strerror or str(exc))
    if found:
        shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
        return say("init.not_empty", path=str(folder), found=shown)
    return None


def check_files(made: dict[str, str]) -> list[str]:
    """The problems (as text) the data files among `made` would have: none, or nothing is written."""
    from schema.files.repofiles import is_data_path
    from schema.load.loader import check_file

    problems = []
    for relpath, text in made.items():
        if is_data_path(relpath):
            problems += [p.format_text() for p in check_file(Path("."), relpath, text.encode("utf-8")).problems]
    return problems


def write_repository(folder: Path, made: dict[str, str]) -> list[str]:
    """Write `made` into `folder` (created where missing), each file atomically; on a failure,
    what was written is removed again and the error raised. The paths written, in order."""
    from schema.files.atomic import write_text_atomic

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    folders: list[Path] = []
    try:
        for relpath, text in made.items():
            path = folder / relpath
            for parent in reversed(path.relative_to(folder).parents[:-1]):
                if not (folder / parent).exists():
                    (folder / parent).mkdir()
                    folders.append(folder / parent)
            write_text_atomic(path, text)
            written.append(path)
    except OSError:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for made_folder in reversed(folders):
            made_folder.rmdir()
        raise
    return [path.relative_to(folder).as_posix() for path in written]

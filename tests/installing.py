"""daicho as a user gets it: its sdist and wheel built from a clean copy of the project, the wheel
installed in a new virtual environment outside the checkout. Offline and cheap: the build uses the
backend the project declares (setuptools, a test dependency) from the test environment, and the
new environment sees the test environment's packages (a `.pth` file) for daicho's dependencies, so
nothing is downloaded; the session builds and installs once (`tests/cli/conftest.py`).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from tests.helpers import PROJECT, git

BUILD = """\
import sys
from setuptools import build_meta
hook = getattr(build_meta, sys.argv[1])
print(hook(sys.argv[2]))
"""
"""Calls a PEP 517 hook of setuptools (`build_sdist` or `build_wheel`) in the current folder, as
pip's or build's frontend does, and prints the file name it made."""


def clean_copy(target: Path) -> Path:
    """The project's files as a clone would have them: those git tracks, and new ones it does not
    ignore, in their current state (no .venv, caches, bytecode or build leftovers)."""
    listed = git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():  # a file deleted but not yet staged is still listed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build(source: Path, hook: str, out: Path) -> Path:
    """Run a PEP 517 hook of the project's build backend in `source`; the file it made in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", BUILD, hook, str(out)], cwd=source, capture_output=True,
                          text=True, check=False, env=_quiet_env())
    assert done.returncode == 0, done.stdout + done.stderr
    return out / done.stdout.strip().splitlines()[-1]


def _quiet_env() -> dict[str, str]:
    return {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONDONTWRITEBYTECODE": "1"}


def new_environment(folder: Path) -> Path:
    """A new virtual environment without pip, which sees the test environment's packages after
    its own (daicho's dependencies, and pip to install into it): its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site) / "_daicho_test_environment.pth").write_text("".join(f"{p}\n" for p in ours), encoding="utf-8")
    return python


def pip_install(python: Path, *args: str) -> None:
    """`pip install` into the environment of `python`, offline (pip comes from the test environment)."""
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-cache-dir",
                           "--disable-pip-version-check", *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@dataclass(frozen=True)
class Distributions:
    sdist: Path
    wheel: Path
    """Built from the unpacked sdist, as pip builds a wheel from an sdist: so the sdist is complete
    when the wheel is."""
    source: Path
    """The clean copy they were built from."""


def build_distributions(source: Path, top: Path) -> Distributions:
    """The sdist from a clean copy of the project (`source`), then the wheel from that sdist."""
    sdist = build(source, "build_sdist", top / "dist")
    unpacked = top / "sdist"
    with tarfile.open(sdist) as archive:
        archive.extractall(unpacked, filter="data")
    (root,) = unpacked.iterdir()
    wheel = build(root, "build_wheel", top / "dist")
    return Distributions(sdist, wheel, source)


def install_wheel(wheel: Path, folder: Path) -> Path:
    """A new environment in `folder` with the wheel installed (its dependencies are the test
    environment's); the `daicho` command it has."""
    python = new_environment(folder)
    # --force-reinstall: the test environment's own daicho (editable) is visible to pip and has
    # the same version; pip leaves it alone (it is outside the new environment).
    pip_install(python, "--no-deps", "--force-reinstall", str(wheel))
    return python.parent / "daicho"


def user_environment(daicho: Path) -> dict[str, str]:
    """The environment a user's shell gives: the new environment's commands first on PATH, nothing
    that points Python at the checkout, and no size or settings for Textual (pytest's workers have
    COLUMNS set)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "COLUMNS", "LINES", "ESCDELAY")
           and not k.startswith("TEXTUAL")}
    ours = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([str(daicho.parent), *(p for p in env.get("PATH", "").split(os.pathsep)
                                                          if p and p != ours)])
    return env


def stand_in_wheel(folder: Path, name: str = "schema", version: str = "0.7.8") -> Path:
    """A wheel of another distribution that, like PyPI's `schema` 0.7.8, installs a package
    `<name>/__init__.py` of its own (made here: the tests download nothing)."""
    files = {f"{name}/__init__.py": f'"""A stand-in for PyPI\'s {name}."""\n\n\nclass Schema:\n    pass\n'}
    info = f"{name}-{version}.dist-info"
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: daicho-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for path, text in files.items():
        data = text.encode("utf-8")
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        record.append(f"{path},sha256={digest},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def requirement_closure(name: str) -> list[metadata.Distribution]:
    """The installed distributions `name` needs to run, itself left out, with the extras its
    requirements ask for (`markdown-it-py[linkify]`); a requirement whose distribution is not
    installed here is one this platform does not need."""
    found: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, set[str]]] = [(name, set())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        current, extras = todo.pop()
        if (current, frozenset(extras)) in seen:
            continue
        seen.add((current, frozenset(extras)))
        try:
            requires = metadata.requires(current) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", requirement)
            if extra is not None and extra.group(1) not in extras:
                continue
            match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?", requirement)
            if match is None:
                continue
            wanted, asked = match.group(1), {e.strip() for e in (match.group(2) or "").split(",") if e.strip()}
            key = re.sub(r"[-_.]+", "-", wanted).lower()
            try:
                found.setdefault(key, metadata.distribution(wanted))
            except metadata.PackageNotFoundError:
                continue
            todo.append((wanted, asked))
    return list(found.values())


def repack(dist: metadata.Distribution, folder: Path) -> Path:
    """A wheel of an installed distribution, made from its files (RECORD) and its WHEEL tag: what
    pip would have downloaded. Scripts outside site-packages are left out (pip writes the console
    scripts again from entry_points.txt)."""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    info = f"{name}-{dist.version}.dist-info"
    wheel_meta = dist.read_text("WHEEL") or ""
    tag = _compressed_tag([line.split(":", 1)[1].strip() for line in wheel_meta.splitlines()
                           if line.startswith("Tag:")])
    target = folder / f"{name}-{dist.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for entry in dist.files or []:
            parts = entry.parts
            if parts[0] == ".." or "__pycache__" in parts or entry.suffix == ".pyc":
                continue
            if parts[0].endswith(".dist-info"):
                if parts[-1] in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json"):
                    continue
                arcname = "/".join((info, *parts[1:]))
            else:
                arcname = entry.as_posix()
            data = Path(dist.locate_file(entry)).read_bytes()
            archive.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
            record.append(f"{arcname},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def _compressed_tag(tags: list[str]) -> str:
    """The wheel file name's tag for a WHEEL file's `Tag:` lines: `py2-none-any` and `py3-none-any`
    give `py2.py3-none-any` (pip refuses a file named for a tag of another Python alone)."""
    parts = [tag.split("-") for tag in tags]
    return "-".join(".".join(dict.fromkeys(part[i] for part in parts)) for i in range(3))


def wheelhouse(folder: Path, *names: str) -> Path:
    """A folder of wheels of `names` and of what daicho needs to run, repacked from the test
    environment: `PIP_FIND_LINKS` for an offline install (pre-commit's own environments)."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = {d.metadata["Name"].lower(): d for d in requirement_closure("daicho")}
    for name in names:
        chosen.setdefault(name, metadata.distribution(name))
    for dist in chosen.values():
        repack(dist, folder)
    return folder


def offline_pip_env(wheels: Path) -> dict[str, str]:
    """pip, in an environment another tool makes (pre-commit's), installing from `wheels` only:
    no index, not the machine's configuration."""
    return {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "VIRTUALENV_NO_PERIODIC_UPDATE": "1"}


def git_checkout(source: Path) -> Path:
    """`source` made a git repository with one commit (a clone, as `--source` names one)."""
    git(source, "init", "--quiet", "--initial-branch", "main")
    git(source, "add", "--all")
    git(source, "commit", "--quiet", "--message", "daicho")
    return source

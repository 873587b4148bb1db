"""The index folder as a place on disk: proof that the tutor made it, checksums of what it holds,
and the switch from one finished build to the next.

Layout: `manifest.json` names the current build's folder (`data-…/`) and records the size and
SHA-256 of every file in it. A build is written into `.build-…/`, renamed to `data-…/`, and only
then does a new manifest replace the old one (one atomic rename), so a reader sees the old index
or the new one, never a mix. The marker file `.tutor-index` is written when the tutor creates or
claims the folder; without it the tutor deletes and overwrites nothing there.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from tutor.core.errors import TutorError

MANIFEST = "manifest.json"
MARKER = ".tutor-index"
LOCK = ".lock"
DATA_PREFIX = "data-"
STAGING_PREFIX = ".build-"
STAMP = ".made-by-tutor"              # inside every data and staging folder: cleanup removes only those
CHECKSUMS = "checksums.json"          # a build's own copy of its file list, should the manifest be lost
MARKER_TEXT = ("This folder holds a search index built by tutor (`tutor index`). tutor deletes or rewrites "
               "only what it made here.\n")
# Files of the flat layout of earlier versions (format 1 and 2), removed once a new build replaces them.
LEGACY_NAMES = ("passages.json", "glossary.json", "passages.faiss", "glossary.npy", "questions.json",
                "questions.npy", "question-keyword", "keyword", "vectors.npy", "vector-keys.json",
                "glossary-keys.json", "question-keys.json", "embed-cache.json", "embed-cache.npy")
DATA_NAME = re.compile(r"data-[A-Za-z0-9-]{1,80}")
SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 20


class IndexProblem(Exception):
    """Why the index on disk cannot be used as it is; the message is shown to the user."""


# -- whose folder is it -----------------------------------------------------------------------------

def usable_path(index_dir: Path) -> None:
    """Stop with one sentence when the index path cannot be a folder at all."""
    if index_dir.exists() and not index_dir.is_dir():
        raise TutorError(f"The index path {index_dir} is a file, not a folder; point --index (or TUTOR_INDEX) "
                         "at a folder.")


def is_legacy(manifest: object) -> bool:
    """A manifest written by an earlier tutor (before the marker existed): proof enough that the
    folder's files with the old names are the tutor's."""
    return (isinstance(manifest, dict) and isinstance(manifest.get("format"), int) and manifest["format"] < 3
            and {"model", "chunker_version", "corpus_hash"} <= manifest.keys())


def _project_folder(index_dir: Path) -> bool:
    """The index folder the project ships (it holds only a README until the first build)."""
    from tutor.core.paths import PROJECT_ROOT

    with contextlib.suppress(OSError):
        return index_dir.resolve() == (PROJECT_ROOT / "index").resolve()
    return False


def _legacy_manifest(index_dir: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        return is_legacy(json.loads((index_dir / MANIFEST).read_text(encoding="utf-8")))
    return False


def ownership(index_dir: Path) -> str:
    """"new" (no folder yet), "ours" (marked), "claimable" (empty, the project's own, or an
    earlier tutor's) or "foreign" (someone else's files: the tutor must not write there)."""
    usable_path(index_dir)
    if not index_dir.exists():
        return "new"
    if (index_dir / MARKER).is_file():
        return "ours"
    if _project_folder(index_dir) or _legacy_manifest(index_dir) or not any(index_dir.iterdir()):
        return "claimable"
    return "foreign"


def build_obstacle(index_dir: Path) -> tuple[str, str] | None:
    """(why, what to do) when the tutor could not, or must not, build an index in this folder;
    None when it can. Changes nothing."""
    state = ownership(index_dir)
    if state == "foreign":
        return (f"{index_dir} holds files the tutor did not make",
                "point --index (or TUTOR_INDEX) at an empty or new folder")
    existing = index_dir if state != "new" else _nearest_existing(index_dir)
    if not existing.is_dir():
        return f"{existing} is a file, not a folder", "point --index at a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is read-only", "make it writable or point --index at a writable folder"
    for name, what in ((MANIFEST, "manifest"), (LOCK, "lock file")):
        path = index_dir / name
        if path.is_dir() and any(path.iterdir()):
            return f"{path}, where the index's {what} belongs, is a folder with files in it", "move it away"
    return None


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def claim(index_dir: Path) -> bool:
    """Make sure the folder is the tutor's before anything is written: create it with the marker,
    or mark a claimable one. Raises TutorError (touching nothing) otherwise. True when the folder
    held an earlier tutor's flat layout, whose files the new build replaces."""
    obstacle = build_obstacle(index_dir)
    if obstacle:
        raise TutorError(f"The tutor will not build an index in {index_dir}: {obstacle[0]}; {obstacle[1]}.")
    legacy = ownership(index_dir) == "claimable" and _legacy_manifest(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if not (index_dir / MARKER).is_file():
            with contextlib.suppress(FileExistsError):
                with open(index_dir / MARKER, "x", encoding="utf-8") as handle:
                    handle.write(MARKER_TEXT)
        for name in (MANIFEST, LOCK):          # an empty folder in the place of a file: safe to remove
            if (index_dir / name).is_dir():
                (index_dir / name).rmdir()
    except OSError as error:
        raise TutorError(write_failure(index_dir, error)) from None
    return legacy


def write_failure(index_dir: Path, error: OSError) -> str:
    """One sentence for a build that could not write its files; the previous index is unchanged."""
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        why = "the disk is full"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "the folder is read-only"
    else:
        why = (error.strerror or str(error)).lower()
    return (f"The index in {index_dir} could not be written ({why}); the previous index, if any, is unchanged — "
            "free some space or point --index at a writable folder.")


# -- checksums ----------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def describe(folder: Path) -> dict[str, dict]:
    """Size and SHA-256 of every file under `folder`, by relative path (for the manifest)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.parent == folder and path.name in (STAMP, CHECKSUMS):
            continue
        files[path.relative_to(folder).as_posix()] = {"bytes": path.stat().st_size, "sha256": sha256(path)}
    return files


def valid_files(files: object) -> bool:
    """The manifest's file list has the shape the tutor writes (no paths outside the folder)."""
    return isinstance(files, dict) and bool(files) and all(
        isinstance(name, str) and name and not name.startswith("/") and ".." not in name.split("/")
        and isinstance(meta, dict) and type(meta.get("bytes")) is int and meta["bytes"] >= 0
        and isinstance(meta.get("sha256"), str) and SHA256.fullmatch(meta["sha256"])
        for name, meta in files.items())


def verify(folder: Path, files: dict, checksum: bool | set[str] = False) -> None:
    """Raise IndexProblem unless every listed file is there with its recorded size, and (for the
    files named by `checksum`, or all when True) its recorded SHA-256."""
    if not folder.is_dir():     # said as what is gone, not as its first file (a tester's "generated.json is missing")
        raise IndexProblem(f"its data folder {folder.name} is missing")
    for name, meta in files.items():
        path = folder / name
        try:
            info = path.stat()
        except FileNotFoundError:
            raise IndexProblem(f"{name} is missing") from None
        except OSError:
            raise IndexProblem(f"{name} cannot be read") from None
        if not path.is_file():
            raise IndexProblem(f"{name} is not a file")
        if info.st_size != meta["bytes"]:
            raise IndexProblem(f"{name} has the wrong size (damaged or cut short)")
        if checksum is True or (checksum and name in checksum):
            try:
                actual = sha256(path)
            except OSError:
                raise IndexProblem(f"{name} cannot be read") from None
            if actual != meta["sha256"]:
                raise IndexProblem(f"{name} does not match its checksum, so it is damaged")


# -- building and switching ----------------------------------------------------------------------

def new_staging(index_dir: Path) -> Path:
    """A fresh folder for one build, stamped as the tutor's before anything else goes in."""
    name = f"{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    staging = index_dir / f"{STAGING_PREFIX}{name}"
    staging.mkdir()
    (staging / STAMP).write_text("a build of tutor's index\n", encoding="utf-8")
    return staging


def publish(index_dir: Path, staging: Path, manifest: dict) -> None:
    """Make the staged build the current one: sync its files, rename it to data-…/, then replace
    the manifest in one atomic rename. A crash before that rename leaves the old index in force."""
    (staging / CHECKSUMS).write_text(json.dumps(manifest["files"]), encoding="utf-8")
    for path in staging.rglob("*"):
        if path.is_file():
            _fsync(path)
    final = index_dir / (DATA_PREFIX + staging.name.removeprefix(STAGING_PREFIX))
    os.rename(staging, final)
    manifest["data"] = final.name
    temporary = index_dir / f"{MANIFEST}.tmp-{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(manifest, indent=2))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / MANIFEST)
    _fsync(index_dir)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def builds(index_dir: Path, manifest: dict | None) -> list[tuple[Path, dict]]:
    """Finished builds with their file lists (the current one's from the manifest, the others'
    from their own checksums.json), current first, then newest first: where a new build may find
    vectors to reuse even when the manifest is lost. Each is verified by checksum before use."""
    found = []
    current = manifest.get("data") if manifest else None
    trusted = isinstance(current, str) and DATA_NAME.fullmatch(current) and valid_files(manifest.get("files"))
    if trusted:
        found.append((index_dir / current, manifest["files"]))
    for path in sorted(index_dir.glob(DATA_PREFIX + "*"), reverse=True):     # names start with the time
        with contextlib.suppress(OSError, ValueError):
            files = json.loads((path / CHECKSUMS).read_text(encoding="utf-8"))
            if not (trusted and path.name == current) and (path / STAMP).is_file() \
                    and DATA_NAME.fullmatch(path.name) and valid_files(files):
                found.append((path, files))
    found.sort(key=lambda build: build[0].name != current)                 # the current build first
    return found


def discard(folder: Path) -> None:
    """Remove a folder this build made (after a failure or Ctrl-C); never raises."""
    shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(index_dir: Path, keep: str | None, legacy: bool = False, builds_too: bool = True) -> None:
    """Under the build lock: remove dead builds (.build-…), finished builds other than `keep`
    (with `builds_too`), stray manifest temporaries and, after replacing an earlier version's flat
    layout, its files. Only folders with the tutor's stamp (or its names, in a folder it claimed) go."""
    for path in index_dir.iterdir():
        name = path.name
        ours = name.startswith(STAGING_PREFIX) or builds_too and name.startswith(DATA_PREFIX) and name != keep
        if ours and path.is_dir() and not path.is_symlink():
            if (path / STAMP).is_file() or (legacy and name.startswith(STAGING_PREFIX)):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.rmdir()               # an empty one: a build killed before its stamp
        elif name.startswith(f"{MANIFEST}.tmp-") and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
        elif legacy and name in LEGACY_NAMES:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()

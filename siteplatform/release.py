"""Which code is running: the release every cache entry is tied to (settings.RELEASE).

`RELEASE` from the environment when set (a deploy script, `make serve`); else the git commit
of the checkout; else, for a copy without git (an unpacked archive, a container image), a hash
of the source files, the same on every host that runs the same code.
"""

import hashlib
import subprocess
from pathlib import Path

SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt", ".css", ".js", ".po", ".mo", ".json", ".xml", ".svg"})
SKIPPED_FOLDERS = frozenset({"node_modules", "media", "staticfiles", "__pycache__"})


def git_commit(folder):
    """The commit checked out in `folder`, or None (no git, not a checkout, git too slow)."""
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["git", "-C", str(folder), "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, like a shell
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def source_hash(folder):
    """A hash of the code, templates, styles and translations under `folder` (milliseconds)."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(source_files(folder)):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(path.read_bytes())
    return "src-" + digest.hexdigest()[:16]


def source_files(folder):
    for path in folder.iterdir():
        if path.is_dir():
            if not path.name.startswith(".") and path.name not in SKIPPED_FOLDERS:
                yield from source_files(path)
        elif path.suffix in SOURCE_SUFFIXES:
            yield path


def identify(folder, environ):
    """The running release: environ["RELEASE"], else the git commit, else a source hash."""
    return environ.get("RELEASE", "").strip() or git_commit(folder) or source_hash(folder)

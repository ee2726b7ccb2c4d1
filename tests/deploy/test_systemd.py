"""The shipped systemd units keep the site and the task worker running (issue 17, F6): they
restart whatever stops them, never give up, run the commands this code has, and `make run`,
`make serve` and `make worker` start the same outage-proof worker."""

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
INSTALLED_AT = "/srv/practice"  # where the units expect the checkout (README, "Production")


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def manage_py_arguments(exec_start):
    """`.venv/bin/python manage.py <command> <options>` → [command, *options]."""
    words = shlex.split(exec_start)
    assert words[1] == "manage.py", exec_start
    return words[2:]


@pytest.mark.parametrize("name", ["practice-worker.service", "practice-web.service"])
def test_each_unit_restarts_whatever_stops_it_and_never_gives_up(name):
    service = unit(name)
    assert service["Service"]["Restart"] == "always"
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Service"]["WorkingDirectory"] == INSTALLED_AT
    assert service["Service"]["EnvironmentFile"] == f"{INSTALLED_AT}/.env"
    assert service["Service"]["User"] != "root"


def test_the_worker_unit_runs_the_worker_that_outlives_database_outages():
    command, *options = manage_py_arguments(unit("practice-worker.service")["Service"]["ExecStart"])
    assert command == "task_worker"
    worker = load_command_class(get_commands()[command], command)
    parsed = worker.create_parser("manage.py", command).parse_args(options)
    assert parsed.backend_name == "notifications"


def test_the_backup_timer_runs_a_backup_every_night_that_keeps_the_newest_archives():
    timer = unit("practice-backup.timer")["Timer"]
    assert timer["OnCalendar"].endswith("02:30:00") and timer["Persistent"] == "true"
    service = unit("practice-backup.service")["Service"]
    assert service["User"] != "root" and service["EnvironmentFile"] == f"{INSTALLED_AT}/.env"
    command, *options = manage_py_arguments(service["ExecStart"])
    assert command == "backup"
    backup = load_command_class(get_commands()[command], command)
    parsed = backup.create_parser("manage.py", command).parse_args(options)
    assert parsed.directory and parsed.keep >= 7


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
def test_systemd_accepts_the_units(tmp_path):
    """`systemd-analyze verify` on copies pointed at this checkout: every setting parses and
    every program they start exists."""
    for path in [*UNITS.glob("*.service"), *UNITS.glob("*.timer")]:
        text = path.read_text().replace(INSTALLED_AT, str(ROOT))
        # The unit's account need not exist on a test machine.
        text = text.replace("User=practice", "User=root").replace("Group=practice", "Group=root")
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.glob("*.*"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_make_run_serve_and_worker_start_the_outage_proof_worker():
    recipes = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "serve", "worker"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert recipes.count("manage.py task_worker --backend notifications") == 3, recipes
    assert "db_worker" not in recipes

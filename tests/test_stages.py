"""Data flows one way: read (pipeline) -> extract (extractors) -> store (db) -> commands (keikaku). A module
imports only its own stage and the stages before it, at the top of the file or inside a function."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("pipeline", "extractors", "db", "keikaku")


def imported_stages(path: Path) -> list[tuple[int, str]]:
    """(line, stage) of every import of a project stage in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend((node.lineno, name.split(".")[0]) for name in names if name.split(".")[0] in STAGES)
    return found


def test_no_import_runs_against_the_stage_order():
    backwards = []
    for stage in STAGES:
        for path in sorted((ROOT / stage).rglob("*.py")):
            for line, imported in imported_stages(path):
                if STAGES.index(imported) > STAGES.index(stage):
                    backwards.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert backwards == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from db.loader import load\n    import keikaku.cli\n", encoding="utf-8")
    assert imported_stages(module) == [(2, "db"), (3, "keikaku")]

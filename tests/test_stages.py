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


MAX_FUNCTION_LINES = 50


def long_functions(path: Path) -> list[str]:
    """`line name (N lines)` of every function of a file longer than MAX_FUNCTION_LINES."""
    return [f"{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_no_function_is_longer_than_fifty_lines():
    """A step that needs more is several steps (issue 24). Cyclomatic complexity (at most 20) is measured
    with radon, which the project does not depend on, and written in the commit that changes it."""
    assert [f"{path.relative_to(ROOT)}:{entry}" for stage in STAGES for path in sorted((ROOT / stage).rglob("*.py"))
            for entry in long_functions(path)] == []


def test_the_length_check_sees_a_long_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def short():\n    pass\n\n\ndef f():\n" + "    x = 1\n" * 60, encoding="utf-8")
    assert long_functions(module) == ["5 f (61 lines)"]

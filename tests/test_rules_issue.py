"""Rules at the district: import a rulebook or criteria file (validated, diffed against the version in
force), issue it, and see it travel to the village in the next return bundle."""

from __future__ import annotations

import json

import pytest

from dangjian_desktop.cli import main
from dangjian_desktop.errors import DangjianError, RuleError
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services import rules
from sync_fixtures import small_world_files, world  # noqa: F401


def criteria_file(tmp_path, *, version="2027.1", effective="2027-01-01", change=None):
    data = json.loads(resource_path("criteria", "default.json").read_text(encoding="utf-8"))
    data.update(version=version, effective_from=effective)
    if change:
        change(data)
    path = tmp_path / f"criteria-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def rulebook_file(tmp_path, *, version="2027.1", effective="2027-01-01"):
    data = json.loads(resource_path("rulebooks", "default.json").read_text(encoding="utf-8"))
    data.update(version=version, effective_from=effective)
    data["items"][0]["points"] = data["items"][0]["points"] + 1
    path = tmp_path / f"rulebook-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def lower_five_stars(data):
    data["levels"][0]["min"] = 92


def test_preview_shows_the_diff_and_writes_nothing(world, tmp_path):
    path = criteria_file(tmp_path, change=lower_five_stars)
    before = world.district.store.setting("criteria_uuid")
    preview = rules.import_rules(world.district, path=path, dry_run=True)
    assert preview.table == "star_criteria" and preview.newer and not preview.installed
    assert "“★★★★★”分数线：90 分及以上 → 92 分及以上" in preview.diff
    assert "版本：2026.1 → 2027.1" in preview.diff
    assert world.district.store.setting("criteria_uuid") == before
    assert len([v for v in rules.rule_versions(world.district) if v["table"] == "star_criteria"]) == 1


def test_a_rulebook_diff_names_the_changed_item(world, tmp_path):
    preview = rules.preview_rules(world.district, path=rulebook_file(tmp_path))
    assert preview.table == "rulebooks" and any("分" in line for line in preview.diff)
    assert len(preview.diff) >= 3


def test_an_invalid_file_is_refused_with_the_loaders_reason(world, tmp_path):
    def break_it(data):
        data["levels"] = "none"

    with pytest.raises(RuleError, match="星级评定标准不能使用"):
        rules.import_rules(world.district, path=criteria_file(tmp_path, change=break_it))
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(RuleError, match="不是积分细则"):
        rules.import_rules(world.district, path=other)
    other.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleError, match="JSON"):
        rules.import_rules(world.district, path=other)


def test_same_version_other_content_is_refused(world, tmp_path):
    rules.import_rules(world.district, path=criteria_file(tmp_path))
    again = rules.import_rules(world.district, path=criteria_file(tmp_path))
    assert again.installed and again.same_content
    with pytest.raises(RuleError, match="版本号"):
        rules.import_rules(world.district, path=criteria_file(tmp_path, change=lower_five_stars))


def test_an_older_version_is_kept_but_not_put_in_force(world, tmp_path):
    current = world.district.store.setting("criteria_uuid")
    preview = rules.import_rules(world.district, path=criteria_file(tmp_path, version="2025.1",
                                                                       effective="2025-01-01"))
    assert not preview.newer
    assert world.district.store.setting("criteria_uuid") == current


def test_issued_rules_travel_to_the_village_in_the_return_bundle(world, tmp_path):
    rules.import_rules(world.district, path=criteria_file(tmp_path, change=lower_five_stars))
    rules.import_rules(world.district, path=rulebook_file(tmp_path))
    in_force = [v for v in rules.rule_versions(world.district) if v["in_force"]]
    assert sorted(v["version_label"] for v in in_force) == ["2027.1", "2027.1"]
    receipts = world.round_trip()
    notes = " ".join(receipts[-1].notes)
    assert "星级评定标准 2027.1" in notes and "积分细则 2027.1" in notes
    world.village.forget_rules()
    assert world.village.criteria.version == "2027.1"
    assert world.village.criteria.levels[0].min == 92
    assert world.village.rulebook.version == "2027.1"


def test_cli_rules_import_dry_run_prints_the_diff(world, tmp_path, capsys, monkeypatch):
    path = criteria_file(tmp_path, change=lower_five_stars)
    db = world.district.store.path
    world.district.close()
    assert main(["--db", str(db), "rules", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "92 分及以上" in out and "未写入" in out
    assert main(["--db", str(db), "rules", "import", str(path)]) == 0
    assert "已导入" in capsys.readouterr().out
    assert main(["--db", str(db), "rules", "list"]) == 0
    assert "2027.1" in capsys.readouterr().out


def test_export_edit_and_import_again(world, tmp_path, capsys):
    db = world.district.store.path
    world.district.close()
    path = tmp_path / "criteria.json"
    assert main(["--db", str(db), "rules", "export", "criteria", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(version="2027.2", effective_from="2027-03-01")
    data["below_label"] = "软弱"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db), "rules", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "未达星级的称呼：后进 → 软弱" in out and "已导入" in out


def test_rules_import_is_for_the_district_only(village, tmp_path):
    with pytest.raises(DangjianError):
        rules.preview_rules(village, path=criteria_file(tmp_path))

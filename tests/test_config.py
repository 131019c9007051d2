"""Configuration ([tool.extractor] / extractor.toml), waivers, --fail-on, --select/--ignore, rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from extractor import config, waivers
from reporting_helpers import hostile_results, planted_check

runner = CliRunner()


@pytest.fixture()
def report(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("一、情况\n【问题】合计 9.50 万元与明细 9.40 万元不符。\n【警告】表述需核实。\n",
                             encoding="utf-8")
    return d


def scan(*args):
    from extractor.cli import scan_app

    return runner.invoke(scan_app, list(args))


def test_extractor_toml_and_pyproject(tmp_path):
    with planted_check():
        (tmp_path / "pats").mkdir()
        (tmp_path / "extractor.toml").write_text(
            'select = ["ZZ", "BG"]\nignore = "FM"\npatterns = ["pats"]\nfail-on = "warning"\njobs = 2\n'
            '[severity]\nZZ9 = "info"\n[options.ZZ901]\nlimit = 1\n', encoding="utf-8")
        cfg = config.load(cwd=tmp_path)
        assert cfg.select == ["ZZ", "BG"] and cfg.ignore == ["FM"] and cfg.fail_on == "warning"
        assert cfg.severity == {"ZZ9": "info"} and cfg.options == {"ZZ901": {"limit": 1}} and cfg.jobs == 2
        assert cfg.patterns == [str((tmp_path / "pats").resolve())]
        other = tmp_path / "proj"
        other.mkdir()
        (other / "pyproject.toml").write_text('[project]\nname="x"\n[tool.extractor]\nignore = ["IN"]\n',
                                              encoding="utf-8")
        assert config.load(cwd=other).ignore == ["IN"]
    assert config.load(cwd=tmp_path / "proj" / ".." / "proj").path.name == "pyproject.toml"


@pytest.mark.parametrize("text,needle", [
    ('selct = ["BG"]\n', "selct"),
    ('[options.ZZ901]\nlimt = 3\n', "limt"),
    ('[options.QQ123]\nx = 1\n', "QQ123"),
    ('[severity]\nBG = "fatal"\n', "fatal"),
    ('fail-on = "info"\n', "fail-on"),
    ('[options.ZZ901]\nlimit = "many"\n', "limit"),
])
def test_bad_config_names_the_key(tmp_path, text, needle):
    p = tmp_path / "extractor.toml"
    p.write_text(text, encoding="utf-8")
    with planted_check():
        with pytest.raises(config.ConfigError, match=needle):
            config.load(p)


def test_decimal_option_coerced():
    from extractor.checks import Option

    assert config._coerce(1.5, Decimal, "x") == Decimal("1.5")
    assert config._coerce(2, Option(int, 1).type, "x") == 2


def test_cli_config_severity_select_and_fail_on(report, tmp_path):
    with planted_check():
        r = scan("--check", "--format", "json", str(report))
        assert r.exit_code == 1
        sev = [f["severity"] for f in json.loads(r.stdout)["documents"][0]["findings"]]
        assert sorted(sev) == ["error", "warning"]
        cfg = tmp_path / "c.toml"
        cfg.write_text('[severity]\nZZ901 = "warning"\n', encoding="utf-8")
        r = scan("--check", "--config", str(cfg), str(report))
        assert r.exit_code == 0  # only warnings now
        r = scan("--check", "--config", str(cfg), "--fail-on", "warning", str(report))
        assert r.exit_code == 1
        r = scan("--check", "--ignore", "ZZ", "--fail-on", "warning", str(report))
        assert r.exit_code == 0
        r = scan("--check", "--select", "BG,ZZ9", "--format", "json", str(report))
        assert json.loads(r.stdout)["documents"][0]["findings"]
        bad = tmp_path / "bad.toml"
        bad.write_text("colour = 1\n", encoding="utf-8")
        r = scan("--check", "--config", str(bad), str(report))
        assert r.exit_code == 2 and "colour" in r.output


def test_waivers_mark_findings_and_report_unmatched(report, tmp_path):
    with planted_check():
        r = scan("--check", "--format", "json", str(report))
        err = next(f for f in json.loads(r.stdout)["documents"][0]["findings"] if f["severity"] == "error")
        wf = tmp_path / "waivers.toml"
        wf.write_text(f'[[waiver]]\nfingerprint = "{err["fingerprint"]}"\nreason = "已与财务核实"\n\n'
                      '[[waiver]]\nfingerprint = "0000000000000000"\nreason = "过期条目"\n', encoding="utf-8")
        r = scan("--check", "--format", "json", "--waivers", str(wf), str(report))
        assert r.exit_code == 0  # the only error is waived
        doc = json.loads(r.stdout)
        waived = [f for f in doc["documents"][0]["findings"] if f["waived"]]
        assert [f["waived"] for f in waived] == ["已与财务核实"]
        assert doc["run"]["unmatched_waivers"][0]["fingerprint"] == "0000000000000000"
        assert "豁免未匹配任何问题：0000000000000000" in r.output


def test_waiver_file_validation(tmp_path):
    p = tmp_path / "w.toml"
    p.write_text('[[waiver]]\nfingerprint = "abc"\n', encoding="utf-8")
    with pytest.raises(waivers.WaiverError, match="reason"):
        waivers.load(p)
    p.write_text('[[waiver]]\nfingerprint = "abc"\nreason = "x"\nwho = "me"\n', encoding="utf-8")
    with pytest.raises(waivers.WaiverError, match="who"):
        waivers.load(p)
    res = hostile_results()
    fp = res[0].findings[1].fingerprint
    ws = [waivers.Waiver(fingerprint=fp, reason="ok", code="ZZ902", file="*.txt"),
          waivers.Waiver(fingerprint=fp, reason="wrong code", code="BG001")]
    unmatched = waivers.apply(res, ws)
    assert res[0].findings[1].waived == "ok" and [w.reason for w in unmatched] == ["wrong code"]


def test_rules_and_rule():
    from extractor.cli import sub_app

    with planted_check():
        r = runner.invoke(sub_app, ["rules"])
        assert r.exit_code == 0 and "ZZ901" in r.output
        r = runner.invoke(sub_app, ["rule", "zz901"])
        assert r.exit_code == 0 and "何时触发" in r.output and "limit" in r.output
    r = runner.invoke(sub_app, ["rule", "QQ999"])
    assert r.exit_code == 2


def test_help_is_fast_and_lazy():
    import subprocess
    import sys

    code = ("import sys; sys.argv=['extract','--help']\nfrom extractor import cli\ntry:\n cli.main()\n"
            "except SystemExit: pass\nbad=[m for m in ('openpyxl','pdfplumber','docx','jieba','extractor.checks',"
            "'extractor.batch','sqlite3') if m in sys.modules]\nprint('LOADED', bad)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in r.stdout, r.stdout + r.stderr

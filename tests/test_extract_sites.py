"""Site rules: packaged ones (monitor/extractors/sites/) against tests/data/sites/expected.yaml, a desk's own
(``sites:`` in config.yaml) validated with YAML paths and tried first, and `storywatch extract` naming the rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from monitor.app import App
from monitor.cli import cli
from monitor.config import parse_config
from monitor.config_fields import Checker, Field
from monitor.errors import ConfigError
from monitor.extractors import extract
from monitor.extractors.sites import packaged_rules, site_rules

SITES = Path(__file__).parent / "data" / "sites"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((SITES / "expected.yaml").read_text())
FIELDS = ("headline", "authors", "published", "modified", "language", "body", "notes")
VALMORA_URL = "https://www.valmoracourier.example/news/2025/11/03/ferry-fares-rise"


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_packaged_rule_reads_its_page(page: str) -> None:
    expected = EXPECTED[page]
    article = extract((SITES / page).read_bytes(), expected["url"], rules=site_rules())
    assert article.extractor["rule"] == expected["rule"]
    assert article.extractor["layers"]["body"] == f"site rule: {expected['rule']}"
    result = article.to_json()
    for field in FIELDS:
        if field in expected:
            assert result[field] == expected[field], field
    body = "\n".join(article.body)
    for text in expected.get("absent", []):
        assert text not in body, f"{text!r} leaked into the body"


def test_every_packaged_rule_has_a_fixture_page_and_every_page_expectations() -> None:
    assert sorted(p.name for p in SITES.glob("*.html")) == sorted(EXPECTED)
    assert sorted(r.name for r in packaged_rules()) == sorted(e["rule"] for e in EXPECTED.values())


def test_packaged_rules_pass_the_config_checks() -> None:
    checker = Checker()
    for rule in packaged_rules():
        checker.value(rule.url_pattern, Field("regex"), f"{rule.name}.url_pattern")
        for key in ("headline", "byline", "body"):
            if getattr(rule, key):
                checker.value(getattr(rule, key), Field("css"), f"{rule.name}.{key}")
        for i, css in enumerate(rule.drop):
            checker.value(css, Field("css"), f"{rule.name}.drop[{i}]")
    assert checker.problems == []


def test_a_saved_page_finds_its_rule_by_its_canonical_url() -> None:
    path = SITES / "valmora_courier.html"
    article = extract(path.read_bytes(), path.resolve().as_uri(), rules=site_rules())
    assert article.extractor["rule"] == "valmora-courier"


# -- sites: in config.yaml ----------------------------------------------------------------------------------

DESK_SITES = r"""
sites:
  - name: valmora-desk
    url_pattern: ^https://www\.valmoracourier\.example/news/
    headline: .vc-kicker
    body: div.vc-article-body
    drop: [.vc-inline-related, .vc-ad-slot]
"""


def test_config_rules_are_tried_before_packaged_ones() -> None:
    settings = parse_config(DESK_SITES, env={})
    (desk,) = settings.sites
    assert desk.drop == (".vc-inline-related", ".vc-ad-slot")
    rules = site_rules(settings.sites)
    assert rules[0] == desk and set(rules[1:]) == set(packaged_rules())
    article = extract((SITES / "valmora_courier.html").read_bytes(), VALMORA_URL, rules=rules)
    assert article.extractor["rule"] == "valmora-desk"
    assert article.headline == "Transport"


def test_the_app_hands_config_and_packaged_rules_to_the_pipeline(tmp_path: Path) -> None:
    text = f'storage: {{url: "sqlite:///{tmp_path / "sw.db"}"}}\n{DESK_SITES}'
    with App.open(parse_config(text, env={}), deliver=False) as app:
        assert app.pipeline.checker.rules == site_rules(app.settings.sites)
        assert app.pipeline.checker.rules[0].name == "valmora-desk"


@pytest.mark.parametrize(
    ("sites", "problem"),
    [
        ("[{name: a, url_pattern: x, body: 'div['}]", "sites[0].body: invalid CSS selector 'div['"),
        ("[{name: a, url_pattern: x, body: p, drop: [aside, 'p >']}]", "sites[0].drop[1]: invalid CSS selector 'p >'"),
        ("[{name: a, url_pattern: '((', body: p}]", "sites[0].url_pattern: invalid regular expression '(('"),
        ("[{name: a, body: p}]", "sites[0].url_pattern: is required"),
        ("[{name: a, url_pattern: x}]", "sites[0]: needs at least one of headline, byline or body"),
        ("[{name: a, url_pattern: x, bdy: p}]", "sites[0].bdy: unknown key (did you mean 'body'?)"),
        ("[{name: a, url_pattern: x, body: p}, {name: a, url_pattern: y, body: p}]", "sites[1].name: 'a' is already"),
        ("{name: a}", "sites: expected a list of sites"),
    ],
)
def test_bad_site_rules_are_config_errors_with_their_path(sites: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(f"sites: {sites}\n", env={})
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_no_sites_key_means_packaged_rules_only() -> None:
    assert parse_config("", env={}).sites == ()
    assert site_rules(()) == packaged_rules()


# -- storywatch extract ---------------------------------------------------------------------------------------


def test_extract_names_the_site_rule_for_each_field_it_produced(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(DESK_SITES)
    page = str(SITES / "nordufer_anzeiger.html")
    shown = CliRunner().invoke(cli, ["-c", str(config), "extract", page])
    assert shown.exit_code == 0, shown.output
    first = shown.output.splitlines()[0]
    assert first == "Neue Brücke über die Wesel wird im Frühjahr eröffnet  (site rule: nordufer-anzeiger)"
    assert "paragraphs  (site rule: nordufer-anzeiger)" in shown.output
    as_json = CliRunner().invoke(cli, ["-c", str(config), "extract", "--json", str(SITES / "valmora_courier.html")])
    assert as_json.exit_code == 0, as_json.output
    extracted = json.loads(as_json.output)
    assert extracted["extractor"]["rule"] == "valmora-desk"  # the desk's own rule first (matched by canonical URL)
    assert extracted["extractor"]["layers"]["body"] == "site rule: valmora-desk"  # the same words as text mode


@pytest.mark.parametrize("target", ["", "   "])
def test_extract_of_nothing_is_a_usage_error(tmp_path: Path, target: str) -> None:
    result = CliRunner().invoke(cli, ["-c", str(tmp_path / "none.yaml"), "extract", target])
    assert result.exit_code == 2
    assert "give an http(s) URL or an HTML file (got an empty argument)" in result.output


# -- ${VAR} set but empty ----------------------------------------------------------------------------------------

SLACK = """
notifiers:
  - name: desk
    type: slack
    webhook_url: ${SLACK_WEBHOOK_URL}
"""


def test_an_empty_variable_in_a_secret_field_is_an_error_naming_its_path() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(SLACK, env={"SLACK_WEBHOOK_URL": ""})
    assert caught.value.problems == [
        "notifiers[0].webhook_url: environment variable SLACK_WEBHOOK_URL is set but empty (export SLACK_WEBHOOK_URL=… "
        "with the value)"
    ]


def test_an_empty_variable_is_left_out_where_secrets_are_not_needed_and_a_default_covers_it() -> None:
    readonly = parse_config(SLACK, env={"SLACK_WEBHOOK_URL": ""}, require_env=False)
    assert readonly.notifiers[0].options["webhook_url"] is None
    defaulted = parse_config(
        "fetch: {user_agent: '${UA:-storywatch test}'}\n" + SLACK,
        env={"UA": "", "SLACK_WEBHOOK_URL": "https://hooks.example/T1/B2/abc"},
    )
    assert defaulted.fetch.user_agent == "storywatch test"  # like the shell: ${VAR:-x} also covers VAR=""
    blank_text = parse_config("fetch: {user_agent: '${UA}'}\n", env={"UA": ""}, require_env=True)
    assert blank_text.fetch.user_agent == ""  # not a secret: an empty value is the desk's choice


def test_the_shipped_config_documents_a_valid_site_rule_and_the_readme_every_sites_key() -> None:
    from monitor.config import _SITE

    repo = Path(__file__).resolve().parent.parent
    (example,) = parse_config((repo / "config.yaml").read_text(), env={}).sites
    assert example.name == "example-org" and example.body and example.drop
    readme = (repo / "README.md").read_text()
    assert [key for key in _SITE if f"sites[].{key}" not in readme and f"`{key}`" not in readme] == []

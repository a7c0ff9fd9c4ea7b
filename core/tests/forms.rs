//! Values that may be written in either of two forms, read by what is there: a framework
//! link's `to` (one code or a list) and a requirement's `share` (a fraction or a percentage),
//! in each input format, with a located error naming both forms when neither fits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use waypost::{Format, OneOrMany, Share, model::framework::Framework};

mod common;

/// A small framework whose one link goes `to` the given TOML value (on line 13).
fn framework_toml(to: &str) -> String {
    format!(
        r#"id = "forms"
title = "Forms"
publishers = ["tests"]
year = 2026
source = {{ citation = "tests" }}
levels = ["introduced"]
domains = [{{ id = "d", name = "Domain", prefix = "D" }}]
statements = [
  {{ code = "D1", domain = "d", text = "one", label = "One" }},
  {{ code = "D2", domain = "d", text = "two", label = "Two" }},
  {{ code = "D3", domain = "d", text = "three", label = "Three" }},
]
links = [{{ from = "D1", to = {to}, type = "isRelatedTo", curated_by = "tests" }}]
"#
    )
}

fn link_targets(framework: &Framework) -> &OneOrMany<String> {
    &framework.links[0].to
}

#[test]
fn a_link_goes_to_one_code_or_a_list_in_every_format() {
    let one = waypost::load_framework(common::doc(
        &framework_toml("\"D2\""),
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    assert_eq!(link_targets(&one), &OneOrMany::One("D2".to_string()));
    let many = waypost::load_framework(common::doc(
        &framework_toml("[\"D2\", \"D3\"]"),
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    assert_eq!(
        link_targets(&many),
        &OneOrMany::Many(vec!["D2".to_string(), "D3".to_string()])
    );
    assert_eq!(link_targets(&many).as_slice(), ["D2", "D3"]);

    // The same framework as JSON and as YAML, through each reader.
    let json = waypost::to_json(&many);
    let from_json = waypost::load_framework(common::doc(&json, Some(Format::Json), None)).unwrap();
    assert_eq!(link_targets(&from_json), link_targets(&many));
    let one_json = waypost::to_json(&one);
    assert!(
        one_json.contains("\"to\": \"D2\""),
        "one code is written as one: {one_json}"
    );
    let yaml = "id: forms\ntitle: Forms\npublishers: [tests]\nyear: 2026\nsource: {citation: tests}\nlevels: [introduced]\ndomains:\n  - {id: d, name: Domain, prefix: D}\nstatements:\n  - {code: D1, domain: d, text: one, label: One}\n  - {code: D2, domain: d, text: two, label: Two}\nlinks:\n  - {from: D1, to: D2, type: isRelatedTo, curated_by: tests}\n  - {from: D2, to: [D1], type: isRelatedTo, curated_by: tests}\n";
    let from_yaml = waypost::load_framework(common::doc(yaml, Some(Format::Yaml), None)).unwrap();
    assert_eq!(from_yaml.links[0].to, OneOrMany::One("D2".to_string()));
    assert_eq!(
        from_yaml.links[1].to,
        OneOrMany::Many(vec!["D1".to_string()])
    );
}

#[test]
fn a_link_to_neither_a_code_nor_a_list_is_refused_where_it_is() {
    for (to, found) in [
        ("5", "integer `5`"),
        ("true", "boolean `true`"),
        ("{ code = \"D2\" }", "table"),
    ] {
        let text = framework_toml(to);
        let error =
            waypost::load_framework(common::doc(&text, Some(Format::Toml), Some("forms.toml")))
                .unwrap_err();
        let report = error.to_report();
        let d = &report.diagnostics[0];
        assert_eq!(d.message, format!("wrong type: found {found}"), "{to}");
        assert_eq!(d.hint.as_deref(), Some("expected a string"), "{to}");
        assert_eq!(d.line, Some(13), "{to}: the line of `to`");
        assert_eq!(d.path.as_deref(), Some("forms.toml"));
    }
    // A list of the wrong things names the item.
    let error = waypost::load_framework(common::doc(
        &framework_toml("[\"D2\", 3]"),
        Some(Format::Toml),
        None,
    ))
    .unwrap_err()
    .to_report();
    assert!(
        error.diagnostics[0].message.contains("integer `3`"),
        "{}",
        error.diagnostics[0].message
    );
}

fn share(policy: &str, format: Format) -> Result<Option<Share>, String> {
    waypost::load_policy(common::doc(policy, Some(format), Some("policy")))
        .map(|p| p.requirements[0].share.clone())
        .map_err(|e| {
            let report = e.to_report();
            let d = &report.diagnostics[0];
            format!(
                "{} ({}) at {:?}",
                d.message,
                d.hint.as_deref().unwrap_or(""),
                d.line
            )
        })
}

#[test]
fn a_share_is_a_fraction_or_a_percentage() {
    let toml = |v: &str| format!("[[require]]\ndomain = \"values\"\nshare = {v}\n");
    assert_eq!(
        share(&toml("0.9"), Format::Toml),
        Ok(Some(Share::Fraction(0.9)))
    );
    assert_eq!(
        share(&toml("1"), Format::Toml),
        Ok(Some(Share::Fraction(1.0)))
    );
    assert_eq!(
        share(&toml("\"90%\""), Format::Toml),
        Ok(Some(Share::Percent("90%".to_string())))
    );
    let json = |v: &str| format!("{{\"require\": [{{\"domain\": \"values\", \"share\": {v}}}]}}");
    assert_eq!(
        share(&json("0.5"), Format::Json),
        Ok(Some(Share::Fraction(0.5)))
    );
    assert_eq!(
        share(&json("0"), Format::Json),
        Ok(Some(Share::Fraction(0.0)))
    );
    assert_eq!(
        share(&json("\"75%\""), Format::Json),
        Ok(Some(Share::Percent("75%".to_string())))
    );
    assert_eq!(
        share(
            "require:\n  - domain: values\n    share: 80%\n",
            Format::Yaml
        ),
        Ok(Some(Share::Percent("80%".to_string())))
    );
    assert_eq!(
        share(
            "require:\n  - domain: values\n    share: 0.8\n",
            Format::Yaml
        ),
        Ok(Some(Share::Fraction(0.8)))
    );
}

#[test]
fn a_share_of_another_kind_names_both_forms_where_it_is() {
    let expected = "expected a fraction such as 0.9 or a percentage such as \"90%\"";
    for (policy, format, found, line) in [
        (
            "[[require]]\ndomain = \"values\"\nshare = true\n",
            Format::Toml,
            "boolean `true`",
            3,
        ),
        (
            "[[require]]\ndomain = \"values\"\nshare = [0.9]\n",
            Format::Toml,
            "list",
            3,
        ),
        (
            "{\"require\": [\n  {\"domain\": \"values\",\n   \"share\": {\"of\": 1}}\n]}",
            Format::Json,
            "table",
            3,
        ),
    ] {
        let error = share(policy, format).unwrap_err();
        assert!(
            error.contains(found) && error.contains(expected),
            "{policy}: {error}"
        );
        assert!(
            error.contains(&format!("Some({line})")),
            "{policy}: {error}"
        );
    }
}

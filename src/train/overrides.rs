//! Layering TOML tables for [`crate::train::config::RunConfig`]: parsing `key.path=value`
//! overrides, overlaying a table on the defaults with every unknown key and wrong type named,
//! and listing the differences between two configs.

use crate::error::{Error, Result};

/// A TOML error's message without the source snippet.
pub(crate) fn one_line(e: &toml::de::Error) -> String {
    e.message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .to_string()
}

/// An override's value: TOML (numbers, booleans, quoted strings), else a bare string.
pub(crate) fn parse_value(v: &str) -> toml::Value {
    format!("x = {v}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("x"))
        .unwrap_or_else(|| toml::Value::String(v.to_string()))
}

/// Sets `a.b.c = value` in `table`, creating sections.
pub(crate) fn set_path(table: &mut toml::Table, key: &str, value: toml::Value) -> Result<()> {
    let mut parts: Vec<&str> = key.split('.').collect();
    let last = parts
        .pop()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::Config(format!("override key `{key}` is empty")))?;
    let mut t = table;
    for p in parts {
        let entry = t
            .entry(p.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        t = entry
            .as_table_mut()
            .ok_or_else(|| Error::Config(format!("`{p}` in override `{key}` is not a section")))?;
    }
    t.insert(last.to_string(), value);
    Ok(())
}

/// Overlays `top` onto `base`; a key `base` lacks is an error naming it (with the valid keys).
pub(crate) fn merge(base: &mut toml::Table, top: toml::Table, prefix: &str) -> Result<()> {
    for (k, v) in top {
        let path = format!("{prefix}{k}");
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t)) => {
                merge(b, t, &format!("{path}."))?
            }
            (Some(toml::Value::Table(_)), v) => {
                return Err(Error::Config(format!(
                    "config: `{path}` is a section, not a value (got {v})"
                )))
            }
            (Some(slot), v) => {
                // Integers are accepted where a float is expected (lr = 1 means 1.0).
                *slot = match (&*slot, v) {
                    (toml::Value::Float(_), toml::Value::Integer(i)) => {
                        toml::Value::Float(i as f64)
                    }
                    // Every integer field is a count or a seed.
                    (toml::Value::Integer(_), toml::Value::Integer(i)) if i < 0 => {
                        return Err(Error::Config(format!(
                            "config: `{path}` must be a non-negative integer, got {i}"
                        )))
                    }
                    (old, v) if old.type_str() == v.type_str() => v,
                    (old, v) => {
                        return Err(Error::Config(format!(
                            "config: `{path}` must be {}, got {v}",
                            match old.type_str() {
                                "integer" => "an integer",
                                "float" => "a number",
                                "boolean" => "true or false",
                                "string" => "a string",
                                other => other,
                            }
                        )))
                    }
                };
            }
            (None, _) => {
                let mut keys: Vec<&String> = base.keys().collect();
                keys.sort();
                let keys: Vec<&str> = keys.iter().map(|s| s.as_str()).collect();
                return Err(Error::Config(format!(
                    "config: unknown key `{path}` (valid here: {})",
                    keys.join(", ")
                )));
            }
        }
    }
    Ok(())
}

pub(crate) fn diff(a: &toml::Table, b: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    for (k, va) in a {
        let path = format!("{prefix}{k}");
        match (va, b.get(k)) {
            (toml::Value::Table(ta), Some(toml::Value::Table(tb))) => {
                diff(ta, tb, &format!("{path}."), out)
            }
            (va, Some(vb)) if va != vb => out.push(format!("{path}: {va} -> {vb}")),
            (_, None) => out.push(format!("{path}: missing")),
            _ => {}
        }
    }
}

//! The locales against each other: the same keys, each once, with the same parameters.

use std::collections::HashMap;

use crate::parse::Message;
use crate::LOCALES;

/// Every inconsistency, as `dir/code.ftl:line: why`; empty when the catalogues agree.
pub(crate) fn check(dir: &str, catalogues: &[Vec<Message>]) -> Vec<String> {
    let mut errors = Vec::new();
    let mut maps = Vec::new();
    for ((code, _), messages) in LOCALES.iter().zip(catalogues) {
        let mut map: HashMap<&str, &Message> = HashMap::new();
        for m in messages {
            if let Some(first) = map.insert(&m.key, m) {
                errors.push(format!("{dir}/{code}.ftl:{}: {} again (first on line {})", m.line, m.key, first.line));
            }
        }
        maps.push(map);
    }
    for (i, (code, _)) in LOCALES.iter().enumerate() {
        for (j, (other, _)) in LOCALES.iter().enumerate() {
            if i == j {
                continue;
            }
            for m in &catalogues[i] {
                match maps[j].get(m.key.as_str()) {
                    None => errors.push(format!("{dir}/{code}.ftl:{}: {} is missing from {other}.ftl", m.line, m.key)),
                    Some(o) if i < j && m.params() != o.params() => errors.push(format!(
                        "{dir}/{code}.ftl:{}: {} has the parameters {:?} here and {:?} in {other}.ftl (line {})",
                        m.line,
                        m.key,
                        m.params(),
                        o.params(),
                        o.line
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    errors
}

//! The language of everything Mieruka writes for people: the app's screens, the charts, the status
//! report, the minutes and the CSV headers. One type for all of them (there were six), so a
//! document follows the screen's language without a conversion in between.

/// Japanese first (the default), English equally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The language's code, as `lang` attributes and stored preferences write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language of a language tag (`ja-JP` → Japanese, `en-GB` → English); `None` for others.
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("ja") {
            Some(Lang::Ja)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn codes_go_both_ways() {
        for l in [Lang::Ja, Lang::En] {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_code("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Ja);
    }
}

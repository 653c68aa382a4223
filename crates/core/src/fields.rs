//! Field access by name, so that one generic change record (`entity`, `field`, `from`, `to`) can
//! describe, replay, merge and undo an edit of any entity.

/// Implements `FIELDS`, `get_field` and `set_field` for a struct whose fields are all serde values.
macro_rules! entity_fields {
    ($ty:ident { $($field:ident : $fty:ty),* $(,)? }) => {
        impl $ty {
            /// The editable fields, in file order.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The current value of a field as JSON, or `None` for an unknown field.
            pub fn get_field(&self, field: &str) -> Option<serde_json::Value> {
                match field {
                    $(stringify!($field) => serde_json::to_value(&self.$field).ok(),)*
                    _ => None,
                }
            }

            /// Sets a field from JSON. The value must have the field's type; nothing changes on error.
            pub fn set_field(
                &mut self,
                field: &str,
                value: &serde_json::Value,
            ) -> Result<(), crate::error::DomainError> {
                match field {
                    $(stringify!($field) => {
                        self.$field = <$fty as serde::Deserialize>::deserialize(value).map_err(|e| {
                            crate::error::DomainError::BadValue {
                                field: field.to_string(),
                                reason: e.to_string(),
                            }
                        })?;
                        Ok(())
                    })*
                    _ => Err(crate::error::DomainError::UnknownField(field.to_string())),
                }
            }
        }

        impl crate::fields::Fields for $ty {
            fn set(&mut self, field: &str, value: &serde_json::Value) -> Result<(), crate::error::DomainError> {
                self.set_field(field, value)
            }
            fn expected(field: &str) -> Option<crate::fields::Expected> {
                match field {
                    $(stringify!($field) => Some(<$fty as crate::fields::Expect>::expected()),)*
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use entity_fields;

/// What a field holds, for located import messages ("tasks[12].due: not a date").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Object,
    List,
    Text,
    Number,
    WholeNumber,
    Bool,
    Date,
    Instant,
    Id,
    OneOf(&'static [&'static str]),
}

pub trait Expect {
    fn expected() -> Expected;
}

impl Expect for String {
    fn expected() -> Expected {
        Expected::Text
    }
}
impl Expect for f64 {
    fn expected() -> Expected {
        Expected::Number
    }
}
impl Expect for u8 {
    fn expected() -> Expected {
        Expected::WholeNumber
    }
}
impl Expect for i32 {
    fn expected() -> Expected {
        Expected::WholeNumber
    }
}
impl Expect for u32 {
    fn expected() -> Expected {
        Expected::WholeNumber
    }
}
impl Expect for bool {
    fn expected() -> Expected {
        Expected::Bool
    }
}
impl Expect for chrono::NaiveDate {
    fn expected() -> Expected {
        Expected::Date
    }
}
impl Expect for crate::id::Id {
    fn expected() -> Expected {
        Expected::Id
    }
}
impl<T: Expect> Expect for Option<T> {
    fn expected() -> Expected {
        T::expected()
    }
}
impl<T> Expect for Vec<T> {
    fn expected() -> Expected {
        Expected::List
    }
}

impl Expect for chrono::DateTime<chrono::Utc> {
    fn expected() -> Expected {
        Expected::Instant
    }
}
impl<K, V> Expect for std::collections::BTreeMap<K, V> {
    fn expected() -> Expected {
        Expected::Object
    }
}
/// Opaque JSON (a report's frozen body): any value is accepted.
impl Expect for serde_json::Value {
    fn expected() -> Expected {
        Expected::Object
    }
}

/// Field access shared by every entity type.
pub trait Fields: Default + serde::Serialize + serde::de::DeserializeOwned {
    fn set(&mut self, field: &str, value: &serde_json::Value) -> Result<(), crate::error::DomainError>;
    fn expected(field: &str) -> Option<Expected>;
}

//! Entity fields, declared once ([`entity_fields!`]): field access by name, so that one generic
//! change record (`entity`, `field`, `from`, `to`) can describe, replay, merge and undo an edit of
//! any entity, and by enum ([`Field`]), so that a command cannot name a field that does not exist.

/// Declares an entity once: the struct (its attributes, and each field's docs and attributes, as
/// written), the enum that names its fields (`TaskField::Title`: `ALL`, `name()`, `parse()`), its
/// `FIELDS`, field access by name (`get_field`, `set_field`: the change log's strings) and by
/// enum (`value`, `set_value`), and the [`Fields`] impl. Adding a field is one line here: every
/// command, file, merge, replay and stored record then carries it (tests/fields.rs sets every
/// field of every entity and reads it back through each of them).
///
/// ```text
/// entity_fields! {
///     /// A WBS element.
///     #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
///     #[serde(default)]
///     pub struct Task with TaskField {
///         /// Order among siblings.
///         pub rank: f64 as Rank,
///         …
///     }
/// }
/// ```
macro_rules! entity_fields {
    (
        $(#[$sm:meta])*
        $svis:vis struct $ty:ident with $fe:ident {
            $(
                $(#[$fm:meta])*
                $fvis:vis $field:ident : $fty:ty as $var:ident
            ),* $(,)?
        }
    ) => {
        $(#[$sm])*
        $svis struct $ty {
            $($(#[$fm])* $fvis $field: $fty,)*
        }

        #[doc = concat!("A field of [`", stringify!($ty), "`], as commands name it; [`", stringify!($fe),
            "::name`] is its key in files, records and the change log.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $svis enum $fe {
            $(#[doc = concat!("`", stringify!($field), "`")] $var,)*
        }

        impl $fe {
            /// Every field, in file order.
            pub const ALL: &'static [$fe] = &[$($fe::$var),*];

            /// The field's key in files, stored records and the change log.
            pub const fn name(self) -> &'static str {
                match self {
                    $($fe::$var => stringify!($field),)*
                }
            }

            /// The field of that key, if there is one.
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $(stringify!($field) => Some($fe::$var),)*
                    _ => None,
                }
            }

            /// What the field holds, for located import messages.
            pub fn expected(self) -> crate::fields::Expected {
                match self {
                    $($fe::$var => <$fty as crate::fields::Expect>::expected(),)*
                }
            }

            /// The Rust type of the field's value (`std::any::type_name`), for tests that make one.
            pub fn type_name(self) -> &'static str {
                match self {
                    $($fe::$var => std::any::type_name::<$fty>(),)*
                }
            }
        }

        impl crate::fields::FieldName for $fe {
            const ALL: &'static [$fe] = $fe::ALL;
            fn name(self) -> &'static str {
                $fe::name(self)
            }
            fn parse(name: &str) -> Option<Self> {
                $fe::parse(name)
            }
        }

        impl serde::Serialize for $fe {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $fe {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::fields::deserialize_name(d)
            }
        }

        impl $ty {
            /// The fields' keys, in file order.
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
                match $fe::parse(field) {
                    Some(f) => self.set_value(f, value),
                    None => Err(crate::error::DomainError::UnknownField(field.to_string())),
                }
            }

            /// The current value of a field as JSON.
            pub fn value(&self, field: $fe) -> serde_json::Value {
                let v = match field {
                    $($fe::$var => serde_json::to_value(&self.$field),)*
                };
                v.unwrap_or(serde_json::Value::Null)
            }

            /// Sets a field from JSON. The value must have the field's type; nothing changes on error.
            pub fn set_value(
                &mut self,
                field: $fe,
                value: &serde_json::Value,
            ) -> Result<(), crate::error::DomainError> {
                let bad = |e: serde_json::Error| crate::error::DomainError::BadValue {
                    field: field.name().to_string(),
                    reason: e.to_string(),
                };
                match field {
                    $($fe::$var => self.$field = <$fty as serde::Deserialize>::deserialize(value).map_err(bad)?,)*
                }
                Ok(())
            }
        }

        impl crate::fields::Fields for $ty {
            type Field = $fe;
            fn set(&mut self, field: &str, value: &serde_json::Value) -> Result<(), crate::error::DomainError> {
                self.set_field(field, value)
            }
            fn expected(field: &str) -> Option<crate::fields::Expected> {
                $fe::parse(field).map($fe::expected)
            }
            fn value(&self, field: $fe) -> serde_json::Value {
                <$ty>::value(self, field)
            }
            fn set_value(&mut self, field: $fe, value: &serde_json::Value) -> Result<(), crate::error::DomainError> {
                <$ty>::set_value(self, field, value)
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

/// Field access shared by every entity type (implemented by [`entity_fields!`]).
pub trait Fields: Default + serde::Serialize + serde::de::DeserializeOwned {
    /// The enum that names the fields.
    type Field: FieldName;
    fn set(&mut self, field: &str, value: &serde_json::Value) -> Result<(), crate::error::DomainError>;
    fn expected(field: &str) -> Option<Expected>;
    fn value(&self, field: Self::Field) -> serde_json::Value;
    fn set_value(&mut self, field: Self::Field, value: &serde_json::Value) -> Result<(), crate::error::DomainError>;
}

/// The enum of one entity's fields (`TaskField`), as [`entity_fields!`] declares it.
pub trait FieldName:
    Copy + Eq + Ord + std::hash::Hash + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned + 'static
{
    /// Every field, in file order.
    const ALL: &'static [Self];
    /// The field's key in files, stored records and the change log.
    fn name(self) -> &'static str;
    /// The field of that key, if there is one.
    fn parse(name: &str) -> Option<Self>;
}

/// Reads a field's name (an unknown name is an error naming the known ones).
pub(crate) fn deserialize_name<'de, F: FieldName, D: serde::Deserializer<'de>>(d: D) -> Result<F, D::Error> {
    let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    F::parse(&name).ok_or_else(|| serde::de::Error::custom(format_args!("unknown field {name:?}")))
}

/// A field of any kind of entity: what [`Command::Set`](crate::command::Command::Set) names, so
/// a command cannot name a field that does not exist. Serialized as `{"<kind>": "<field>"}`
/// (`{"task": "percent"}`), the kind's word as in files.
macro_rules! field_enum {
    ([] $($var:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field {
            Project(crate::model::ProjectField),
            $($kind(<$ty as Fields>::Field),)*
        }

        impl Field {
            /// The kind of entity the field belongs to.
            pub fn kind(self) -> crate::change::EntityKind {
                match self {
                    Field::Project(_) => crate::change::EntityKind::Project,
                    $(Field::$kind(_) => crate::change::EntityKind::$kind,)*
                }
            }

            /// The field's key in files, stored records and the change log.
            pub fn name(self) -> &'static str {
                match self {
                    Field::Project(f) => f.name(),
                    $(Field::$kind(f) => f.name(),)*
                }
            }

            /// The field of that key of that kind of entity, if there is one.
            pub fn parse(kind: crate::change::EntityKind, name: &str) -> Option<Field> {
                match kind {
                    crate::change::EntityKind::Project => crate::model::ProjectField::parse(name).map(Field::Project),
                    $(crate::change::EntityKind::$kind => <<$ty as Fields>::Field as FieldName>::parse(name).map(Field::$kind),)*
                }
            }

            /// Every field of that kind of entity, in file order.
            pub fn of_kind(kind: crate::change::EntityKind) -> Vec<Field> {
                match kind {
                    crate::change::EntityKind::Project => {
                        crate::model::ProjectField::ALL.iter().map(|f| Field::Project(*f)).collect()
                    }
                    $(crate::change::EntityKind::$kind => {
                        <<$ty as Fields>::Field as FieldName>::ALL.iter().map(|f| Field::$kind(*f)).collect()
                    })*
                }
            }

            /// The Rust type of the field's value (`std::any::type_name`), for tests that make one.
            pub fn type_name(self) -> &'static str {
                match self {
                    Field::Project(f) => f.type_name(),
                    $(Field::$kind(f) => f.type_name(),)*
                }
            }
        }

        impl From<crate::model::ProjectField> for Field {
            fn from(f: crate::model::ProjectField) -> Field {
                Field::Project(f)
            }
        }

        $(impl From<<$ty as Fields>::Field> for Field {
            fn from(f: <$ty as Fields>::Field) -> Field {
                Field::$kind(f)
            }
        })*
    };
}

crate::entity_kinds::entity_kinds!(field_enum);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::EntityKind;
    use crate::model::{ActionItemField, Task, TaskField};

    #[test]
    fn a_field_is_its_kind_and_its_name() {
        let f: Field = ActionItemField::Done.into();
        assert_eq!((f.kind(), f.name()), (EntityKind::ActionItem, "done"));
        assert_eq!(Field::parse(EntityKind::ActionItem, "done"), Some(f));
        assert_eq!(Field::parse(EntityKind::Task, "done"), None, "a name of another kind");
        assert_eq!(serde_json::to_value(f).ok(), Some(serde_json::json!({ "action_item": "done" })));
        assert_eq!(serde_json::from_value::<Field>(serde_json::json!({ "action_item": "done" })).ok(), Some(f));
        assert!(serde_json::from_value::<Field>(serde_json::json!({ "task": "done" })).is_err());
    }

    #[test]
    fn the_enums_name_every_serialized_field() {
        for kind in EntityKind::ALL {
            let fields = Field::of_kind(*kind);
            assert!(fields.iter().all(|f| f.kind() == *kind && Field::parse(*kind, f.name()) == Some(*f)));
        }
        let names: Vec<&str> = TaskField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names, Task::FIELDS);
        let json = serde_json::to_value(Task { source_key: "k".into(), ..Task::default() }).unwrap_or_default();
        for name in names {
            assert_eq!(json.get(name).is_some(), name != "raci", "{name} (an empty RACI is left out)");
        }
        assert_eq!(json.as_object().map(|o| o.len()), Some(Task::FIELDS.len() - 1));
    }
}

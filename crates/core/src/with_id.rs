//! An entity as files write it — `{"id": …, …fields…}` — read in one pass: the `id` key is taken
//! aside and every other key goes straight to the entity type's own serde derive (the id is not a
//! field of the entity types, which skip unknown keys). `#[serde(flatten)]` would do the same by
//! buffering every entity as a tree first, which is what the typed import avoids.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// An entity and the text of its `id` key (`None` when the object has none). A key given twice
/// keeps the last, as `serde_json::Value` does; the caller checks the id.
pub(crate) struct WithId<T> {
    pub id: Option<String>,
    pub entity: T,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for WithId<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = WithId<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an entity object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<WithId<T>, A::Error> {
                let mut id = None;
                let entity = T::deserialize(MapAccessDeserializer::new(SkipId { map, id: &mut id }))?;
                Ok(WithId { id, entity })
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// The entity's map with its `id` key taken out (into `id`) as it is met.
struct SkipId<'a, A> {
    map: A,
    id: &'a mut Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for SkipId<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(Key(key)) = self.map.next_key()? {
            if key == "id" {
                *self.id = Some(self.map.next_value()?);
                continue;
            }
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key, borrowed from the text where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

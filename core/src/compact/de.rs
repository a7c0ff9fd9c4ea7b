//! The compact form's reader as serde's `Deserializer` (natively; see `from_bytes`).

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Unexpected, Visitor,
    value::BorrowedStrDeserializer,
};

use super::{
    Error, Reader,
    tags::{FALSE, INTEGER, LIST, STRING, TABLE, TRUE},
};

impl de::Error for Error {
    #[cold]
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }
}

/// Reads a file with the reader as serde's `Deserializer`.
pub(super) fn direct<T: DeserializeOwned>(
    keys: &[&str],
    strings: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    let mut reader = Reader::new(keys, strings, bytes);
    let value = T::deserialize(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

impl<'de> Reader<'de> {
    /// A list, handed to `visitor` as a sequence; anything else is a type error.
    fn list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            LIST => {
                let left = self.number()?;
                let mut items = Items {
                    de: &mut *self,
                    index: 0,
                    left,
                };
                let value = visitor.visit_seq(&mut items)?;
                if items.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(left, &"fewer items"))
                }
            }
            tag => Err(de::Error::invalid_type(unexpected(tag), &visitor)),
        }
    }

    /// A table, handed to `visitor` as a map; anything else is a type error.
    fn table<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            TABLE => {
                let left = self.number()?;
                let mut entries = Entries {
                    de: &mut *self,
                    key: "",
                    left,
                };
                let value = visitor.visit_map(&mut entries)?;
                if entries.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(left, &"fewer entries"))
                }
            }
            tag => Err(de::Error::invalid_type(unexpected(tag), &visitor)),
        }
    }

    /// A string, or a type error.
    fn text(&mut self, expected: &dyn de::Expected) -> Result<&'de str, Error> {
        match self.byte()? {
            STRING => self.string(),
            tag => Err(de::Error::invalid_type(unexpected(tag), expected)),
        }
    }

    /// An integer, or a type error.
    fn signed(&mut self, expected: &dyn de::Expected) -> Result<i64, Error> {
        match self.byte()? {
            INTEGER => {
                let n = self.integer()?;
                // Zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
                Ok(((n >> 1) as i64) ^ -((n & 1) as i64))
            }
            tag => Err(de::Error::invalid_type(unexpected(tag), expected)),
        }
    }
}

/// Each kind of value the model asks for is read by a method that accepts that kind alone, so
/// that serde generates only the code for it: a struct is read only as a table (never as a
/// sequence of its fields), a list only as a sequence. Only `deserialize_any` (for untagged
/// enums) hands every kind to its visitor. This keeps the WebAssembly build from growing with
/// a second reader of the model.
impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.bytes.get(self.pos).copied() {
            Some(STRING) => visitor.visit_borrowed_str(self.text(&"a string")?),
            Some(INTEGER) => visitor.visit_i64(self.signed(&"an integer")?),
            Some(FALSE | TRUE) => visitor.visit_bool(self.byte()? == TRUE),
            Some(LIST) => self.list(visitor),
            Some(TABLE) => self.table(visitor),
            Some(tag) => Err(Error::new(format!("unknown tag {tag}"))),
            None => Err(Error::new("the data ends early")),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            tag => Err(de::Error::invalid_type(unexpected(tag), &visitor)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n = self.signed(&visitor)?;
        visitor.visit_i64(n)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let s = self.text(&visitor)?;
        visitor.visit_borrowed_str(s)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.list(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.table(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.table(visitor)
    }

    /// The data has no null (TOML has none): a value that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is written as the name of its variant.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let s = self.text(&visitor)?;
        visitor.visit_enum(BorrowedStrDeserializer::new(s))
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

/// What a value with this tag is, for "found …" in type errors.
fn unexpected(tag: u8) -> Unexpected<'static> {
    match tag {
        INTEGER => Unexpected::Other("an integer"),
        FALSE => Unexpected::Bool(false),
        TRUE => Unexpected::Bool(true),
        LIST => Unexpected::Seq,
        TABLE => Unexpected::Map,
        _ => Unexpected::Other("an unknown tag"),
    }
}

/// The items of a list still to be read.
struct Items<'a, 'de> {
    de: &'a mut Reader<'de>,
    index: usize,
    left: usize,
}

impl<'de> SeqAccess<'de> for &mut Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let index = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| e.within(&format!("[{index}]")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// The entries of a table still to be read, and the key of the one being read.
struct Entries<'a, 'de> {
    de: &'a mut Reader<'de>,
    key: &'de str,
    left: usize,
}

impl<'de> MapAccess<'de> for &mut Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        self.key = self.de.key()?;
        let key = self.key;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
            .map_err(|e: Error| e.within(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let key = self.key;
        seed.deserialize(&mut *self.de).map_err(|e| e.within(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

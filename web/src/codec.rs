//! The page ↔ worker message format: a flat string of atoms, small enough to decode on the page
//! without serde (whose JSON decoder, with its map and float code, was about 48 KB gzip of the
//! page's wasm).
//!
//! An atom is either a number, written `123;` (decimal digits, no sign, no fraction: virtual time
//! is whole milliseconds), or a string, written `5:hello` (its length in bytes, a colon, then the
//! bytes). A message is its fields' atoms in declaration order: a `bool` is the number 0 or 1, an
//! `Option` is 0 (none) or 1 followed by the value, a list is its length followed by its items,
//! an enum is its variant's index followed by the variant's fields. Nothing is named, so both
//! ends must be built from the same source (they are: one crate, two binaries).

use std::borrow::Cow;
use std::collections::BTreeMap;

/// A value that can be written to and read from a message.
pub trait Wire: Sized {
    fn put(&self, w: &mut String);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

/// The message for `v`.
pub fn encode<T: Wire>(v: &T) -> String {
    let mut w = String::new();
    v.put(&mut w);
    w
}

/// `v` read back from its message; `None` when the text is not exactly one `T`.
pub fn decode<T: Wire>(text: &str) -> Option<T> {
    let mut r = Reader { rest: text };
    let v = T::take(&mut r)?;
    r.rest.is_empty().then_some(v)
}

/// Writes a number atom.
pub fn put_num(w: &mut String, n: u64) {
    put_digits(w, n);
    w.push(';');
}

/// Writes a string atom.
pub fn put_str(w: &mut String, s: &str) {
    put_digits(w, s.len() as u64);
    w.push(':');
    w.push_str(s);
}

/// `n` in decimal, by hand: `write!` goes through the formatting machinery, which took a tenth
/// of the time to encode a large answer.
fn put_digits(w: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while at > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// Reads atoms off the front of a message.
pub struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// The digits before `end`, as a number.
    fn digits(&mut self, end: u8) -> Option<u64> {
        let mut n: u64 = 0;
        for (i, &b) in self.rest.as_bytes().iter().enumerate() {
            if b == end {
                if i == 0 {
                    return None;
                }
                self.rest = self.rest.get(i + 1..)?;
                return Some(n);
            }
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
        None
    }

    /// A number atom.
    pub fn num(&mut self) -> Option<u64> {
        self.digits(b';')
    }

    /// A string atom.
    pub fn str(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.digits(b':')?).ok()?;
        let s = self.rest.get(..len)?;
        self.rest = self.rest.get(len..)?;
        Some(s)
    }
}

impl Wire for u64 {
    fn put(&self, w: &mut String) {
        put_num(w, *self);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.num()
    }
}

impl Wire for usize {
    fn put(&self, w: &mut String) {
        put_num(w, *self as u64);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        usize::try_from(r.num()?).ok()
    }
}

impl Wire for bool {
    fn put(&self, w: &mut String) {
        put_num(w, u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.num()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for String {
    fn put(&self, w: &mut String) {
        put_str(w, self);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(str::to_owned)
    }
}

impl Wire for Cow<'static, str> {
    fn put(&self, w: &mut String) {
        put_str(w, self);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(|s| Cow::Owned(s.to_owned()))
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut String) {
        match self {
            None => put_num(w, 0),
            Some(v) => {
                put_num(w, 1);
                v.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.num()? {
            0 => Some(None),
            1 => Some(Some(T::take(r)?)),
            _ => None,
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut String) {
        put_num(w, self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.num()?;
        // Every item takes at least two bytes: a claimed length cannot reserve more than that.
        let mut out = Vec::with_capacity(usize::try_from(n).ok()?.min(r.rest.len() / 2));
        for _ in 0..n {
            out.push(T::take(r)?);
        }
        Some(out)
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, w: &mut String) {
        self.0.put(w);
        self.1.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

impl Wire for BTreeMap<String, String> {
    fn put(&self, w: &mut String) {
        put_num(w, self.len() as u64);
        for (k, v) in self {
            put_str(w, k);
            put_str(w, v);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.num()?;
        let mut out = BTreeMap::new();
        for _ in 0..n {
            out.insert(String::take(r)?, String::take(r)?);
        }
        Some(out)
    }
}

/// Implements [`Wire`] for a struct: its fields' atoms, in the order listed.
#[macro_export]
macro_rules! wire_struct {
    ($t:path { $($f:ident),* $(,)? }) => {
        impl $crate::codec::Wire for $t {
            fn put(&self, w: &mut String) {
                $( $crate::codec::Wire::put(&self.$f, w); )*
            }
            fn take(r: &mut $crate::codec::Reader<'_>) -> Option<Self> {
                Some(Self { $( $f: $crate::codec::Wire::take(r)?, )* })
            }
        }
    };
}

/// Implements [`Wire`] for a field-less enum: the variant's index in the order listed.
#[macro_export]
macro_rules! wire_enum {
    ($t:path { $($v:ident),* $(,)? }) => {
        impl $crate::codec::Wire for $t {
            fn put(&self, w: &mut String) {
                const ALL: &[$t] = &[$(<$t>::$v),*];
                let i = ALL.iter().position(|v| v == self).unwrap_or(0);
                $crate::codec::put_num(w, i as u64);
            }
            fn take(r: &mut $crate::codec::Reader<'_>) -> Option<Self> {
                const ALL: &[$t] = &[$(<$t>::$v),*];
                ALL.get(usize::try_from(r.num()?).ok()?).copied()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_round_trip() {
        let v: Vec<(Option<String>, u64)> =
            vec![(Some("é:;12".to_owned()), u64::MAX), (None, 0), (Some(String::new()), 7)];
        let text = encode(&v);
        assert_eq!(text, "3;1;6:é:;1218446744073709551615;0;0;1;0:7;");
        assert_eq!(decode::<Vec<(Option<String>, u64)>>(&text), Some(v));
    }

    #[test]
    fn malformed_messages_do_not_decode() {
        for bad in ["", "1", "1;", "-1;", "2:a", "2;1;1:a", "1:é", "5;", "1;x", "99999999999999999999999;"] {
            assert_eq!(decode::<Vec<String>>(bad), None, "{bad:?}");
        }
        assert_eq!(decode::<bool>("2;"), None);
        assert_eq!(decode::<String>("1:ab"), None, "trailing bytes");
        assert_eq!(decode::<String>("1:é"), None, "not at a character boundary");
    }
}

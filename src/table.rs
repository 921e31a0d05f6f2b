//! Hash tables built by `build.rs` and embedded in the binary: a lookup hashes the key and
//! probes a few slots, with nothing parsed or allocated at start-up. Shared by build.rs (which
//! includes this file) and the library, so both sides hash and probe the same way.
//!
//! A table is `u32 slot_count` (a power of two) followed by that many little-endian `u32`
//! slots; a slot holds a value chosen by the caller (an offset or an index) or `EMPTY`.
//! Collisions probe linearly; the table is at most half full.

/// A slot with no entry.
pub const EMPTY: u32 = u32::MAX;

/// FNV-1a over the key's bytes: short keys (words of a few characters) hash fast and well.
pub fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Builds a table of `entries` (key, value); values must not be `EMPTY`, keys must be unique.
#[allow(dead_code)] // used by build.rs only
pub fn build<'k>(entries: impl ExactSizeIterator<Item = (&'k [u8], u32)>) -> Vec<u8> {
    let slot_count = (entries.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![EMPTY; slot_count];
    for (key, value) in entries {
        let mut at = hash(key) as usize & (slot_count - 1);
        while slots[at] != EMPTY {
            at = (at + 1) & (slot_count - 1);
        }
        slots[at] = value;
    }
    let mut out = Vec::with_capacity(4 + 4 * slot_count);
    out.extend_from_slice(&(slot_count as u32).to_le_bytes());
    for slot in slots {
        out.extend_from_slice(&slot.to_le_bytes());
    }
    out
}

/// The length in bytes of the table at the start of `blob`.
#[allow(dead_code)] // used by the library only
pub fn size(blob: &[u8]) -> usize {
    4 + 4 * read_u32(blob, 0) as usize
}

/// The value stored for `key` in the table at the start of `blob`; `key_of` gives the key of
/// a stored value, to tell a hit from a collision.
#[allow(dead_code)] // used by the library only
#[inline]
pub fn get<'b>(blob: &'b [u8], key: &[u8], key_of: impl Fn(u32) -> &'b [u8]) -> Option<u32> {
    let slot_count = read_u32(blob, 0) as usize;
    let mask = slot_count.wrapping_sub(1);
    let mut at = hash(key) as usize & mask;
    for _ in 0..slot_count {
        let value = read_u32(blob, 4 + 4 * at);
        if value == EMPTY {
            return None;
        }
        if key_of(value) == key {
            return Some(value);
        }
        at = (at + 1) & mask;
    }
    None
}

/// The little-endian u32 at `at`.
#[inline]
pub fn read_u32(blob: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([blob[at], blob[at + 1], blob[at + 2], blob[at + 3]])
}

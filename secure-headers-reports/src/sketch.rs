//! Distinct counts in a fixed 128 bytes: exact while small, then a HyperLogLog sketch.
//!
//! A few distinct clients or documents are what a reader weighs most ("one browser with an
//! extension, or two?"), and where a 128-register HyperLogLog is least exact (two values
//! share a register, and count as one, once in 128). So a sketch first keeps the exact list
//! of the values' hashes (their top 32 bits, up to [`EXACT`] of them, marked by a first byte
//! no register can hold), and turns into registers on the next distinct value.

use sha2::{Digest, Sha256};

/// Registers (2^7): a standard error of about 1.04 / sqrt(128), 9 %.
const REGISTERS: usize = 128;
const BITS: u32 = 7;

/// Distinct values counted exactly: the hashes' top 32 bits that fit in the 128 bytes
/// after the marker and the length.
const EXACT: usize = (REGISTERS - 2) / 4;

/// The first byte of an exact list. A register holds at most 64 - [`BITS`] + 1 = 58.
const EXACT_MARK: u8 = 0xFF;

/// A distinct count: exact up to [`EXACT`] values, then approximate (HyperLogLog, 128
/// registers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sketch {
    /// The distinct hashes' top 32 bits, `len` of them.
    Exact { hashes: [u32; EXACT], len: u8 },
    /// The registers.
    Registers([u8; REGISTERS]),
}

impl Default for Sketch {
    fn default() -> Self {
        Self::Exact {
            hashes: [0; EXACT],
            len: 0,
        }
    }
}

impl Sketch {
    /// The sketch stored as bytes. Any other length, and registers that are all zero (what
    /// an empty sketch was stored as before exact lists), read as empty; an exact list's
    /// length past what fits reads as what fits.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        let Ok(bytes) = <&[u8; REGISTERS]>::try_from(bytes) else {
            return Self::default();
        };
        if bytes[0] == EXACT_MARK {
            let len = bytes[1].min(EXACT as u8);
            let mut hashes = [0; EXACT];
            let stored = bytes[2..].chunks_exact(4).take(usize::from(len));
            for (hash, b) in hashes.iter_mut().zip(stored) {
                *hash = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
            return Self::Exact { hashes, len };
        }
        if bytes.iter().all(|&r| r == 0) {
            return Self::default();
        }
        Self::Registers(*bytes)
    }

    /// The bytes to store: always 128.
    pub(crate) fn to_bytes(&self) -> [u8; REGISTERS] {
        match self {
            Self::Registers(registers) => *registers,
            Self::Exact { hashes, len } => {
                let mut bytes = [0; REGISTERS];
                bytes[0] = EXACT_MARK;
                bytes[1] = *len;
                for (b, hash) in bytes[2..].chunks_exact_mut(4).zip(hashes) {
                    b.copy_from_slice(&hash.to_le_bytes());
                }
                bytes
            }
        }
    }

    /// Adds a value by the salted SHA-256 of it: the value itself is never kept.
    pub(crate) fn add(&mut self, salt: &[u8], value: &[u8]) {
        let digest = Sha256::new()
            .chain_update(salt)
            .chain_update(value)
            .finalize();
        let mut word = [0; 8];
        word.copy_from_slice(&digest[..8]);
        self.add_hash(u64::from_le_bytes(word));
    }

    fn add_hash(&mut self, hash: u64) {
        match self {
            Self::Registers(registers) => add_to_registers(registers, hash),
            Self::Exact { .. } => self.add_exact((hash >> 32) as u32),
        }
    }

    /// Adds a hash's top 32 bits to the exact list, or to the registers it turns into when
    /// the list is full.
    fn add_exact(&mut self, top: u32) {
        match self {
            Self::Registers(registers) => add_to_registers(registers, widen(top)),
            Self::Exact { hashes, len } => {
                let n = usize::from(*len);
                if hashes[..n].contains(&top) {
                    return;
                }
                if n < EXACT {
                    hashes[n] = top;
                    *len += 1;
                    return;
                }
                let mut registers = [0; REGISTERS];
                for &h in hashes.iter().chain([&top]) {
                    add_to_registers(&mut registers, widen(h));
                }
                *self = Self::Registers(registers);
            }
        }
    }

    /// Makes this sketch count the union of both.
    pub(crate) fn merge(&mut self, other: &Self) {
        match other {
            Self::Exact { hashes, len } => {
                for &h in &hashes[..usize::from(*len)] {
                    self.add_exact(h);
                }
            }
            Self::Registers(theirs) => {
                if let Self::Exact { hashes, len } = self {
                    let mut registers = [0; REGISTERS];
                    for &h in &hashes[..usize::from(*len)] {
                        add_to_registers(&mut registers, widen(h));
                    }
                    *self = Self::Registers(registers);
                }
                if let Self::Registers(ours) = self {
                    for (a, b) in ours.iter_mut().zip(theirs) {
                        *a = (*a).max(*b);
                    }
                }
            }
        }
    }

    /// The count: exact for an exact list, else the estimate (with the small-range
    /// correction).
    pub(crate) fn estimate(&self) -> u64 {
        let registers = match self {
            Self::Exact { len, .. } => return u64::from(*len),
            Self::Registers(registers) => registers,
        };
        let m = REGISTERS as f64;
        // 2^-r exactly, from its bits (a register holds at most 64 - BITS + 1): the same
        // value as `2f64.powi(-r)` without the call, which was most of reading 10,000
        // fingerprints.
        let sum: f64 = registers
            .iter()
            .map(|&r| f64::from_bits((1023 - u64::from(r.min(64))) << 52))
            .sum();
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let raw = alpha * m * m / sum;
        let zeros = registers.iter().filter(|&&r| r == 0).count();
        let e = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        e.round() as u64
    }
}

fn add_to_registers(registers: &mut [u8; REGISTERS], hash: u64) {
    let index = (hash >> (64 - BITS)) as usize;
    let rest = (hash << BITS) | (1 << (BITS - 1));
    let rank = rest.leading_zeros() as u8 + 1;
    if rank > registers[index] {
        registers[index] = rank;
    }
}

/// A hash known by its top 32 bits, for the registers: the same register, and the same
/// rank unless the 25 bits after the register's 7 are all zero (one hash in 33 million),
/// where the rank is 26 rather than what the unknown bits would have made it.
fn widen(top: u32) -> u64 {
    (u64::from(top) << 32) | u64::from(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registers(s: &Sketch) -> &[u8; REGISTERS] {
        match s {
            Sketch::Registers(r) => r,
            Sketch::Exact { .. } => panic!("exact: {s:?}"),
        }
    }

    #[test]
    fn counts_within_its_error() {
        for n in [0u64, 1, 10, 1000, 50_000] {
            let mut s = Sketch::default();
            for i in 0..n {
                s.add(b"salt", &i.to_le_bytes());
                s.add(b"salt", &i.to_le_bytes());
            }
            let e = s.estimate() as f64;
            let err = if n == 0 {
                e
            } else {
                (e - n as f64).abs() / n as f64
            };
            assert!(err <= 0.3, "{n}: {e}");
        }
    }

    /// Up to 31 distinct values are counted exactly, whatever the salt (with registers
    /// alone, two values shared a register, and counted as one, for one salt in 128), each
    /// value added twice, and through the stored bytes after each add.
    #[test]
    fn small_counts_are_exact() {
        for salt in 0u32..2_000 {
            let mut s = Sketch::default();
            for i in 0..3u32 {
                s.add(&salt.to_le_bytes(), &i.to_le_bytes());
                s.add(&salt.to_le_bytes(), &i.to_le_bytes());
                assert_eq!(s.estimate(), u64::from(i) + 1, "salt {salt}");
            }
        }
        let mut s = Sketch::default();
        for i in 0..EXACT as u64 {
            s.add(b"salt", &i.to_le_bytes());
            s = Sketch::from_bytes(&s.to_bytes());
            s.add(b"salt", &i.to_le_bytes());
            assert_eq!(s.estimate(), i + 1);
        }
        assert!(matches!(s, Sketch::Exact { len: 31, .. }), "{s:?}");
        s.add(b"salt", b"one more");
        let registers = registers(&s).iter().filter(|&&r| r > 0).count();
        assert!((25..=32).contains(&registers), "{registers}");
        assert!((26..=40).contains(&s.estimate()), "{}", s.estimate());
    }

    /// The registers an exact list turns into are those its values would have set from the
    /// start (their 64-bit hashes), but for ranks the list's 32 bits cannot tell.
    #[test]
    fn an_exact_list_turns_into_the_registers_of_its_values() {
        let mut exact = Sketch::default();
        let mut direct = Sketch::Registers([0; REGISTERS]);
        for i in 0..=EXACT as u64 {
            exact.add(b"s", &i.to_le_bytes());
            direct.add(b"s", &i.to_le_bytes());
        }
        assert_eq!(exact, direct);
    }

    #[test]
    fn estimates_are_those_of_the_textbook_sum() {
        // The registers' 2^-r read from bits gives what powi gives, estimate for estimate.
        let textbook = |s: &Sketch| {
            let m = REGISTERS as f64;
            let registers = registers(s);
            let sum: f64 = registers.iter().map(|&r| 2f64.powi(-i32::from(r))).sum();
            let raw = 0.7213 / (1.0 + 1.079 / m) * m * m / sum;
            let zeros = registers.iter().filter(|&&r| r == 0).count();
            let e = if raw <= 2.5 * m && zeros > 0 {
                m * (m / zeros as f64).ln()
            } else {
                raw
            };
            e.round() as u64
        };
        for n in [0u32, 3, 200, 20_000, 300_000] {
            let mut s = Sketch::Registers([0; REGISTERS]);
            for i in 0..n {
                s.add(b"salt", &i.to_le_bytes());
            }
            assert_eq!(s.estimate(), textbook(&s), "{n}");
        }
        let mut high = [0; REGISTERS];
        for (i, r) in high.iter_mut().enumerate() {
            *r = u8::try_from(i % 65).unwrap();
        }
        let high = Sketch::Registers(high);
        assert_eq!(high.estimate(), textbook(&high));
    }

    #[test]
    fn merges_as_a_union() {
        let (mut a, mut b) = (Sketch::default(), Sketch::default());
        for i in 0..500u32 {
            a.add(b"s", &i.to_le_bytes());
            b.add(b"s", &(i + 250).to_le_bytes());
        }
        a.merge(&b);
        let e = a.estimate();
        assert!((600..=900).contains(&e), "{e}");
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), a);
    }

    /// Every pair of kinds merges as a union: two exact lists into an exact list (shared
    /// values once) or, past 31, into registers; an exact list and registers either way.
    #[test]
    fn exact_lists_merge_as_a_union_with_either_kind() {
        let of = |range: std::ops::Range<u32>| {
            let mut s = Sketch::default();
            for i in range {
                s.add(b"s", &i.to_le_bytes());
            }
            s
        };
        let mut a = of(0..10);
        a.merge(&of(5..20));
        assert_eq!(a.estimate(), 20);
        assert!(matches!(a, Sketch::Exact { .. }));

        let mut a = of(0..20);
        a.merge(&of(10..40));
        assert_eq!(a, of(0..40));

        let mut exact_into_registers = of(0..1000);
        exact_into_registers.merge(&of(2000..2010));
        let mut registers_into_exact = of(2000..2010);
        registers_into_exact.merge(&of(0..1000));
        assert_eq!(exact_into_registers, registers_into_exact);
        let mut direct = of(0..1000);
        for i in 2000..2010u32 {
            direct.add(b"s", &i.to_le_bytes());
        }
        assert_eq!(exact_into_registers, direct);
    }

    /// Stored bytes: an exact list and registers read back as they were; anything not 128
    /// bytes long, and the all-zero registers an empty sketch used to be stored as, read
    /// as empty; an exact list's length past 31 reads as 31.
    #[test]
    fn reads_back_what_it_stored() {
        let mut exact = Sketch::default();
        exact.add(b"s", b"a");
        exact.add(b"s", b"b");
        let bytes = exact.to_bytes();
        assert_eq!((bytes[0], bytes[1]), (EXACT_MARK, 2));
        assert_eq!(Sketch::from_bytes(&bytes), exact);
        let mut registers = Sketch::Registers([0; REGISTERS]);
        registers.add(b"s", b"a");
        assert_eq!(Sketch::from_bytes(&registers.to_bytes()), registers);
        for empty in [&[][..], &[0; 12][..], &[0; REGISTERS][..], &[1; 129][..]] {
            assert_eq!(Sketch::from_bytes(empty), Sketch::default());
        }
        let mut long = [7; REGISTERS];
        long[0] = EXACT_MARK;
        long[1] = 200;
        assert_eq!(Sketch::from_bytes(&long).estimate(), EXACT as u64);
    }
}

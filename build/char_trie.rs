//! Build-time construction of the lexicon's trie (read by src/dict/lexicon.rs): a double array over
//! character codes rather than bytes, so the segmenter's walk costs one array read per
//! character instead of one per UTF-8 byte, laid out hottest first so the walks common text
//! takes stay in a few cache lines.
//!
//! - Character codes: every character of the lexicon's words gets a code 1.., the most
//!   frequent first; 0 means "in no word".
//! - Units: 12 bytes each, u32 check (the parent's index; u32::MAX for the root and free
//!   units), u32 base (a node's children are at base + code, wrapping), u32 value of the word
//!   ending here (u32::MAX: none; build.rs says what values mean). The root is unit 0 with base 0, so the node after a word's
//!   first character is the unit at that character's code.
//! - Nodes are placed in order of falling weight (the summed frequency of the words below
//!   them), each node's children at the first base where they all fit.

use std::collections::HashMap;

/// The trie, ready to write.
pub struct CharTrie {
    /// The units, little-endian.
    pub units: Vec<u8>,
    /// Per Basic Multilingual Plane code point: its u16 code, little-endian.
    pub bmp_codes: Vec<u8>,
    /// Characters beyond the BMP with their codes, sorted by character.
    pub astral_codes: Vec<(char, u16)>,
}

struct Node {
    children: Vec<(u32, usize)>,
    value: u32,
    weight: u64,
    depth: u32,
}

/// Builds the trie of `words`: (word, value, frequency), frequency 0 for words only the
/// dictionary knows.
pub fn build(words: &[(&str, u32, u64)]) -> CharTrie {
    // Codes by falling character frequency, ties by character, so the build is reproducible.
    let mut char_weight: HashMap<char, u64> = HashMap::new();
    for (word, _, frequency) in words {
        for c in word.chars() {
            *char_weight.entry(c).or_default() += frequency + 1;
        }
    }
    let mut chars: Vec<(char, u64)> = char_weight.into_iter().collect();
    chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(chars.len() < usize::from(u16::MAX), "too many characters for u16 codes");
    let code: HashMap<char, u32> = chars.iter().enumerate().map(|(i, &(c, _))| (c, i as u32 + 1)).collect();

    // The pointer trie.
    let mut nodes = vec![Node { children: Vec::new(), value: u32::MAX, weight: 0, depth: 0 }];
    let mut edges: HashMap<(usize, u32), usize> = HashMap::new();
    for &(word, value, frequency) in words {
        let mut node = 0;
        nodes[0].weight += frequency + 1;
        for c in word.chars() {
            let c = code[&c];
            node = match edges.get(&(node, c)) {
                Some(&child) => child,
                None => {
                    let child = nodes.len();
                    let depth = nodes[node].depth + 1;
                    nodes.push(Node { children: Vec::new(), value: u32::MAX, weight: 0, depth });
                    nodes[node].children.push((c, child));
                    edges.insert((node, c), child);
                    child
                }
            };
            nodes[node].weight += frequency + 1;
        }
        assert!(nodes[node].value == u32::MAX && value != u32::MAX, "duplicate word in the lexicon: {word}");
        nodes[node].value = value;
    }

    // Placement, heaviest first; a parent weighs at least as much as its child and comes
    // first on ties by its smaller depth, so every node is placed before its children are.
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| {
        nodes[b].weight.cmp(&nodes[a].weight).then(nodes[a].depth.cmp(&nodes[b].depth)).then(a.cmp(&b))
    });
    let mut position = vec![u32::MAX; nodes.len()];
    let mut base = vec![0u32; nodes.len()];
    let mut free = FreeSlots::default();
    position[0] = 0;
    free.take(0);
    for &node in &order {
        assert!(position[node] != u32::MAX, "a node was ordered before its parent");
        let children = &mut nodes[node].children;
        if children.is_empty() {
            continue;
        }
        children.sort_unstable();
        let first = children[0].0;
        let b = free.first_fit(children.iter().map(|&(c, _)| c - first)).wrapping_sub(first);
        base[node] = b;
        for &(c, child) in children.iter() {
            position[child] = b.wrapping_add(c);
            free.take(position[child]);
        }
    }

    let size = position.iter().max().map_or(1, |&p| p as usize + 1);
    let mut units = vec![[u32::MAX, 0, u32::MAX]; size];
    for (node, n) in nodes.iter().enumerate() {
        let at = position[node] as usize;
        units[at][1] = base[node];
        units[at][2] = n.value;
        for &(_, child) in &n.children {
            units[position[child] as usize][0] = position[node];
        }
    }
    let mut bmp_codes = vec![0u8; 0x10000 * 2];
    let mut astral_codes = Vec::new();
    for (&c, &code) in &code {
        let code = code as u16;
        match usize::try_from(u32::from(c)).ok().filter(|&c| c < 0x10000) {
            Some(at) => bmp_codes[at * 2..at * 2 + 2].copy_from_slice(&code.to_le_bytes()),
            None => astral_codes.push((c, code)),
        }
    }
    astral_codes.sort_unstable();
    CharTrie {
        units: units.iter().flat_map(|u| u.iter().flat_map(|v| v.to_le_bytes())).collect(),
        bmp_codes,
        astral_codes,
    }
}

/// Which array slots are taken, one bit each (slots beyond the end are free).
#[derive(Default)]
struct FreeSlots {
    taken: Vec<u64>,
    /// No slot below this one is free.
    first_free: u32,
}

impl FreeSlots {
    fn take(&mut self, slot: u32) {
        let word = slot as usize / 64;
        if word >= self.taken.len() {
            self.taken.resize(word + 1024, 0);
        }
        self.taken[word] |= 1 << (slot % 64);
        while self.bits(self.first_free) & 1 != 0 {
            self.first_free += 1;
        }
    }

    /// The 64 taken-bits of the slots from `slot` on.
    fn bits(&self, slot: u32) -> u64 {
        let (word, shift) = (slot as usize / 64, slot % 64);
        let at = |w: usize| self.taken.get(w).copied().unwrap_or(0);
        if shift == 0 { at(word) } else { at(word) >> shift | at(word + 1) << (64 - shift) }
    }

    /// The first slot p at or above 1 such that p + d is free for every offset d (the first
    /// offset 0), tested for 64 slots at a time.
    fn first_fit(&self, offsets: impl Iterator<Item = u32> + Clone) -> u32 {
        let mut from = self.first_free.max(1);
        loop {
            let mut fits = u64::MAX;
            for d in offsets.clone() {
                fits &= !self.bits(from + d);
                if fits == 0 {
                    break;
                }
            }
            if fits != 0 {
                return from + fits.trailing_zeros();
            }
            from += 64;
        }
    }
}

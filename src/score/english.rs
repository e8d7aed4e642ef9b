//! Whether a long word is an English word, from the words of six letters or more of `SymSpell`'s
//! English frequency dictionary (MIT; `data/README.md` says where it comes from). Typo
//! correction must leave real words alone: "hotter" is not a typo of "hitter", nor "leader" of
//! "loader".

use std::sync::OnceLock;

/// One lowercase word a line, sorted, for a binary search.
static WORDS: &str = include_str!("data/english-words.txt");

/// The shortest words the list holds.
pub const LISTED_FROM_CHARS: usize = 6;

fn words() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| WORDS.lines().collect())
}

/// Whether `word` (lowercase, at least [`LISTED_FROM_CHARS`] letters) is an English word.
pub fn is_word(word: &str) -> bool {
    words().binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_long_and_lowercase() {
        let list = words();
        assert!(list.len() > 60_000);
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert!(
            list.iter().all(|w| w.chars().count() >= LISTED_FROM_CHARS
                && w.chars().all(|c| c.is_ascii_lowercase()))
        );
    }

    #[test]
    fn real_words_are_known_and_typos_are_not() {
        for word in ["hotter", "leader", "routine", "transaction", "charged"] {
            assert!(is_word(word), "{word}");
        }
        for typo in ["transacton", "seperate", "databse", "downsteam", "familar"] {
            assert!(!is_word(typo), "{typo}");
        }
    }
}

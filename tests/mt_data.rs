//! The committed English-Spanish slice (`tests/fixtures/mt`, written by `scripts/prepare-mt.sh`):
//! every split has as many English as Spanish lines, 200 each, none empty, no OSIS markup or
//! entity left, whitespace normalised, and no sentence of the held-out books in training.

use std::path::Path;

fn lines(name: &str) -> Vec<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mt")
        .join(name);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_parallel_slice_is_aligned_and_clean() {
    for split in ["train", "valid", "test"] {
        let (en, es) = (lines(&format!("{split}.en")), lines(&format!("{split}.es")));
        assert_eq!((en.len(), es.len()), (200, 200), "{split}");
        for (i, l) in en.iter().chain(&es).enumerate() {
            assert!(!l.is_empty(), "{split} line {i} is empty");
            assert_eq!(l.trim(), l, "{split} line {i}: {l}");
            assert!(!l.contains("  "), "{split} line {i}: {l}");
            assert!(
                !l.contains('<') && !l.contains("&amp;"),
                "{split} line {i}: {l}"
            );
        }
    }
    // Genesis opens the training split, the first held-out books open the others.
    assert!(lines("train.en")[0].starts_with("In the beginning, God created"));
    assert!(lines("train.es")[0].starts_with("EN el principio"));
    let train: std::collections::HashSet<String> = lines("train.en").into_iter().collect();
    for split in ["valid", "test"] {
        assert!(lines(&format!("{split}.en"))
            .iter()
            .all(|l| !train.contains(l)));
    }
}

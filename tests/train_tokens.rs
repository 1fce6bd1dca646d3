//! Training on tokens from the command line: a token directory trains, evaluates (bits per
//! byte) and samples with the tokenizer copied into the run; a text with `--tokenizer` and the
//! built-in corpus with `builtin:bpeN` are encoded once and cached; a nanoGPT `.bin` without
//! `meta.json` trains with `--vocab`. Every bad input (a missing or corrupt tokenizer, ids at or
//! above the vocabulary, an odd-length uint16 file, an empty file, a vocabulary smaller than
//! the data's, a run whose tokenizer changed) is one `error:` line before any GPU work.

mod common;

use common::{assert_fails, evomoe, Output, BIN, SMALL};
use std::path::{Path, PathBuf};
use std::process::Command;

use evomoe::testing::scratch_dir;
use evomoe::tokens::{write_tokens, Dtype};

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// `train` of the small model with `args` after the model flags.
fn train(args: &[&str]) -> Output {
    let mut all = vec!["train"];
    all.extend(SMALL);
    all.extend(args);
    evomoe(&all)
}

/// Asserts success, with both streams in the message.
fn ok(o: &Output) {
    assert_eq!(o.code, 0, "{}", o.context());
}

/// A BPE of `vocab` ids trained on the built-in corpus and the built-in corpus encoded with it
/// (`evomoe tokenize`): the tokenizer's path and the token directory.
fn token_dir(dir: &Path, vocab: usize) -> (PathBuf, PathBuf) {
    let tok = dir.join(format!("bpe{vocab}.json"));
    let tokens = dir.join(format!("tokens{vocab}"));
    let v = vocab.to_string();
    ok(&evomoe(&[
        "tokenize",
        "train",
        "--vocab",
        &v,
        "--out",
        s(&tok),
    ]));
    ok(&evomoe(&[
        "tokenize",
        "encode",
        "--tokenizer",
        s(&tok),
        "--out",
        s(&tokens),
    ]));
    (tok, tokens)
}

#[test]
fn a_token_directory_trains_evaluates_and_samples_with_its_tokenizer() {
    let d = scratch_dir("tok-dir");
    let (tok, tokens) = token_dir(&d, 300);
    let run = d.join("run");
    let o = train(&["--steps", "2", "--data", s(&tokens), "--out", s(&run)]);
    ok(&o);
    assert!(o.stderr.contains("vocabulary 300"), "{}", o.context());
    assert!(o.stdout.contains("bits/byte"), "{}", o.context());
    // The run keeps the tokenizer and the resolved vocabulary.
    assert_eq!(
        std::fs::read(run.join("tokenizer.json")).unwrap(),
        std::fs::read(&tok).unwrap()
    );
    let config = std::fs::read_to_string(run.join("config.toml")).unwrap();
    assert!(config.contains("vocab = 300"), "{config}");

    let e = evomoe(&["eval", "--checkpoint", s(&run), "--batches", "1"]);
    ok(&e);
    assert!(e.stdout.contains("bits/byte"), "{}", e.context());
    let json = evomoe(&["eval", "--checkpoint", s(&run), "--batches", "1", "--json"]);
    ok(&json);
    let v: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    let (loss, bpb) = (
        v["loss"].as_f64().unwrap(),
        v["bits_per_byte"].as_f64().unwrap(),
    );
    // Fewer ids than bytes: bits per byte is below the loss per id in bits.
    assert!(bpb > 0.0 && bpb < loss / std::f64::consts::LN_2, "{v}");

    let g = evomoe(&[
        "sample",
        "--checkpoint",
        s(&run),
        "--prompt",
        "ROMEO:",
        "--length",
        "6",
    ]);
    ok(&g);
    assert!(g.stdout.starts_with("ROMEO:"), "{}", g.context());
    assert!(g.stdout.len() > "ROMEO:\n".len(), "{}", g.context());

    // A tokenizer that no longer matches the checkpoint's record is refused.
    let broken = d.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    for f in ["checkpoint.safetensors", "config.toml"] {
        std::fs::copy(run.join(f), broken.join(f)).unwrap();
    }
    let mut bytes = std::fs::read(&tok).unwrap();
    bytes.push(b'\n');
    std::fs::write(broken.join("tokenizer.json"), bytes).unwrap();
    for cmd in ["sample", "eval"] {
        assert_fails(
            cmd,
            &evomoe(&[cmd, "--checkpoint", s(&broken)]),
            &["tokenizer", "CRC-32"],
        );
    }
}

#[test]
fn a_masked_lm_trains_on_tokens_and_data_of_another_tokenizer_is_refused() {
    let d = scratch_dir("tok-resume");
    let (_, tokens) = token_dir(&d, 300);
    let run = d.join("run");
    ok(&train(&[
        "--task",
        "mlm",
        "--steps",
        "2",
        "--data",
        s(&tokens),
        "--out",
        s(&run),
    ]));
    // fill completes <mask>s of byte-level models only.
    assert_fails(
        "fill",
        &evomoe(&["fill", "--checkpoint", s(&run), "--prompt", "a<mask>"]),
        &["BPE"],
    );
    // The same directory re-encoded with another tokenizer of the same size.
    let other = d.join("other.json");
    let text = d.join("text.txt");
    std::fs::write(&text, "abc abd abe\n".repeat(4000)).unwrap();
    ok(&evomoe(&[
        "tokenize",
        "train",
        "--data",
        s(&text),
        "--vocab",
        "300",
        "--out",
        s(&other),
    ]));
    ok(&evomoe(&[
        "tokenize",
        "encode",
        "--tokenizer",
        s(&other),
        "--out",
        s(&tokens),
    ]));
    let o = evomoe(&["train", "--resume", "--out", s(&run)]);
    assert_fails("resume on re-encoded data", &o, &["tokenizer of CRC-32"]);
    let o = evomoe(&["eval", "--checkpoint", s(&run), "--batches", "1"]);
    assert_fails("eval on re-encoded data", &o, &["tokenizer of CRC-32"]);
}

#[test]
fn a_text_with_a_tokenizer_and_builtin_bpe_are_encoded_once() {
    let d = scratch_dir("tok-text");
    let (tok, _) = token_dir(&d, 300);
    let text = d.join("corpus.txt");
    std::fs::write(&text, &evomoe::train::data::BUILTIN_CORPUS[..200_000]).unwrap();
    let args = |out: &Path| {
        vec![
            "--steps".to_string(),
            "1".into(),
            "--data".into(),
            s(&text).into(),
            "--tokenizer".into(),
            s(&tok).into(),
            "--out".into(),
            s(out).into(),
        ]
    };
    let first = args(&d.join("run1"));
    let o = train(&first.iter().map(String::as_str).collect::<Vec<_>>());
    ok(&o);
    assert!(o.stderr.contains("encoding"), "{}", o.context());
    let cached: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.starts_with("corpus.txt.tokens-").then_some(n)
        })
        .collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert!(d.join(&cached[0]).join("meta.json").is_file());
    let second = args(&d.join("run2"));
    let o = train(&second.iter().map(String::as_str).collect::<Vec<_>>());
    ok(&o);
    assert!(!o.stderr.contains("encoding"), "{}", o.context());

    // builtin:bpeN trains its tokenizer once into the cache.
    let cache = d.join("cache");
    let run_builtin = |out: &str| {
        let mut c = Command::new(BIN);
        c.env("EVOMOE_CACHE", &cache)
            .arg("train")
            .args(SMALL)
            .args(["--steps", "1", "--data", "builtin:bpe300", "--out"])
            .arg(d.join(out));
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    assert!(run_builtin("b1").contains("training a 300-id BPE"));
    assert!(!run_builtin("b2").contains("-id BPE"));
    assert!(d.join("b2").join("tokenizer.json").is_file());
}

#[test]
fn a_nanogpt_bin_without_meta_trains_with_vocab() {
    let d = scratch_dir("tok-bin");
    let bin = d.join("data.bin");
    let ids: Vec<u32> = evomoe::train::data::BUILTIN_CORPUS[..20_000]
        .iter()
        .enumerate()
        .map(|(i, &b)| b as u32 + 256 * (i as u32 % 3))
        .collect();
    write_tokens(&bin, Dtype::Uint16, &ids).unwrap();
    assert_fails(
        "no vocabulary",
        &train(&["--steps", "1", "--data", s(&bin), "--out", s(&d.join("r0"))]),
        &["data.bin", "--vocab"],
    );
    let o = train(&[
        "--steps",
        "1",
        "--data",
        s(&bin),
        "--vocab",
        "768",
        "--out",
        s(&d.join("r1")),
    ]);
    ok(&o);
    assert!(o.stderr.contains("vocabulary 768"), "{}", o.context());
    // Padding the vocabulary is allowed; the ids must fit it.
    assert_fails(
        "ids above the vocabulary",
        &train(&[
            "--steps",
            "1",
            "--data",
            s(&bin),
            "--vocab",
            "600",
            "--out",
            s(&d.join("r2")),
        ]),
        &["data.bin", "byte offset", "600"],
    );
}

#[test]
fn bad_token_inputs_are_one_line_before_the_gpu() {
    let d = scratch_dir("tok-bad");
    let out = d.join("out");
    let text = d.join("t.txt");
    std::fs::write(&text, "some text\n".repeat(100)).unwrap();
    let run = |data: &Path, extra: &[&str]| {
        let mut a = vec!["--steps", "1", "--data", s(data), "--out", s(&out)];
        a.extend(extra);
        train(&a)
    };
    // A missing and a corrupt tokenizer.
    let missing = d.join("missing.json");
    assert_fails(
        "missing tokenizer",
        &run(&text, &["--tokenizer", s(&missing)]),
        &["missing.json"],
    );
    let corrupt = d.join("corrupt.json");
    std::fs::write(&corrupt, "{\"model\": 3").unwrap();
    assert_fails(
        "corrupt tokenizer",
        &run(&text, &["--tokenizer", s(&corrupt)]),
        &["corrupt.json", "not a tokenizer.json"],
    );
    // An odd-length uint16 file and an empty one.
    let odd = d.join("odd.bin");
    std::fs::write(&odd, [1u8, 0, 2]).unwrap();
    assert_fails(
        "odd length",
        &run(&odd, &["--vocab", "300"]),
        &["odd.bin", "whole number"],
    );
    let empty = d.join("empty.bin");
    std::fs::write(&empty, []).unwrap();
    assert_fails(
        "empty file",
        &run(&empty, &["--vocab", "300"]),
        &["empty.bin", "empty"],
    );
    // A vocabulary smaller than the data's.
    let (_, tokens) = token_dir(&d, 300);
    assert_fails(
        "small vocabulary",
        &run(&tokens, &["--vocab", "100"]),
        &["100", "300"],
    );
    assert_fails(
        "bad builtin bpe",
        &run(Path::new("builtin:bpeX"), &[]),
        &["builtin:bpe4096"],
    );
    assert!(!out.exists(), "a failed run wrote {}", out.display());
}

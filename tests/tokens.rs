//! Subword tokens: the byte-level BPE round trip (the built-in corpus, random UTF-8, invalid
//! UTF-8), token files against files numpy wrote (a committed fixture, and numpy itself when it
//! is installed), a reader that does not load a file whole, `evomoe tokenize` end to end, and
//! every bad input with one clear line.

use std::path::{Path, PathBuf};
use std::process::Command;

use evomoe::tokens::{train_bpe, write_tokens, Bpe, Dtype, Meta, Split, TokenDir, TokenFile};
use evomoe::train::data::Corpus;

/// The ids scripts/gen/token_fixture.py wrote with numpy.
const IDS16: [u32; 8] = [0, 1, 255, 256, 4095, 12345, 50256, 65535];
const IDS32: [u32; 6] = [0, 65535, 65536, 100000, 16777216, 4294967295];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tokens")
        .join(name)
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("evomoe-tokens-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A byte-level BPE of 512 ids trained on the first 200 kB of the built-in corpus.
fn small_bpe(dir: &Path) -> Bpe {
    let corpus = Corpus::builtin();
    train_bpe(
        &corpus.train.bytes().unwrap()[..200_000],
        512,
        false,
        &dir.join("tokenizer.json"),
    )
    .unwrap()
}

/// A small deterministic generator (xorshift) for the random texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn bpe_round_trips_any_bytes_and_compresses_text() {
    let dir = tmp("roundtrip");
    let bpe = small_bpe(&dir);
    assert_eq!(bpe.vocab_size(), 512);
    assert!(bpe.is_byte_level());
    // The built-in corpus: exact, and the merges pay (fewer tokens than bytes).
    let corpus = Corpus::builtin();
    let text = corpus.val.bytes().unwrap();
    let ids = bpe.encode(text, |_| {}).unwrap();
    assert_eq!(&bpe.decode(&ids).unwrap(), text);
    let per_byte = ids.len() as f64 / text.len() as f64;
    assert!(
        per_byte < 0.6,
        "{per_byte} tokens per byte: the BPE merged little"
    );
    // Random UTF-8 (every plane's characters, newlines and spaces) and random bytes (mostly
    // invalid UTF-8): exact.
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for case in 0..20 {
        let utf8: String = (0..500)
            .map(|_| match rng.next() % 4 {
                0 => ' ',
                1 => '\n',
                _ => char::from_u32((rng.next() % 0x2FFFF) as u32).unwrap_or('?'),
            })
            .collect();
        let ids = bpe.encode(utf8.as_bytes(), |_| {}).unwrap();
        assert_eq!(
            bpe.decode(&ids).unwrap(),
            utf8.as_bytes(),
            "utf-8 case {case}"
        );
        let bytes: Vec<u8> = (0..500).map(|_| rng.next() as u8).collect();
        let ids = bpe.encode(&bytes, |_| {}).unwrap();
        assert_eq!(bpe.decode(&ids).unwrap(), bytes, "byte case {case}");
    }
    // Ids past the vocabulary do not decode.
    let err = bpe.decode(&[1, 512]).unwrap_err().to_string();
    assert!(err.contains("position 1"), "{err}");
}

/// The format against numpy, the reference nanoGPT uses: the reader reads the files
/// scripts/gen/token_fixture.py wrote with numpy (always), and, when numpy is installed, numpy
/// reads the files the writer writes (`np.memmap`, as nanoGPT's training script does).
#[test]
fn token_files_match_numpy() {
    let f16 = TokenFile::open(&fixture("nanogpt_uint16.bin"), Dtype::Uint16, 65536, None).unwrap();
    let got: Vec<u32> = (0..f16.len()).map(|i| f16.get(i)).collect();
    assert_eq!(got, IDS16);
    let f32 = TokenFile::open(
        &fixture("uint32.bin"),
        Dtype::Uint32,
        u32::MAX as usize,
        None,
    );
    // 4294967295 is not below a vocabulary of u32::MAX ids: the last id is named.
    let err = f32.expect_err("the largest id is out of range").to_string();
    assert!(err.contains("byte offset 20"), "{err}");
    let mut ids = vec![0u32; 5];
    let f32 = TokenFile::open(&fixture("uint32.bin"), Dtype::Uint32, 1 << 32, None).unwrap();
    f32.read_into(0, &mut ids);
    assert_eq!(ids, IDS32[..5]);
    assert_eq!(f32.get(5), IDS32[5]);

    let has_numpy = Command::new("python3")
        .args(["-c", "import numpy"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_numpy {
        eprintln!("numpy is not installed: checked against the committed numpy fixture only");
        return;
    }
    let dir = tmp("numpy");
    for (dtype, ids, np) in [
        (Dtype::Uint16, IDS16.to_vec(), "uint16"),
        (Dtype::Uint32, IDS32.to_vec(), "uint32"),
    ] {
        let path = dir.join(format!("{np}.bin"));
        write_tokens(&path, dtype, &ids).unwrap();
        let out = Command::new("python3")
            .args([
                "-c",
                &format!(
                    "import numpy as np; print(' '.join(map(str, np.memmap({:?}, dtype=np.{np}, mode='r'))))",
                    path.display().to_string()
                ),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: Vec<u32> = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!(read, ids, "{np}");
    }
}

/// A 1 GiB token file opens (every id checked) in a process whose heap may not exceed 64 MiB:
/// the reader maps the file instead of loading it.
#[test]
fn a_file_larger_than_the_allowed_memory_opens() {
    if let Ok(path) = std::env::var("EVOMOE_TOKENS_CHILD") {
        let f = TokenFile::open(Path::new(&path), Dtype::Uint16, 4, None).unwrap();
        println!("{} ids, last {}", f.len(), f.get(f.len() - 1));
        return;
    }
    let dir = tmp("large");
    let path = dir.join("train.bin");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: a GiB of zeros (id 0) that takes no disk, then one id 3.
    file.set_len(1 << 30).unwrap();
    drop(file);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut f, &3u16.to_le_bytes()).unwrap();
    drop(f);
    let me = std::env::current_exe().unwrap();
    let out = Command::new("prlimit")
        .arg(format!("--data={}", 64 << 20))
        .arg(&me)
        .args([
            "--exact",
            "a_file_larger_than_the_allowed_memory_opens",
            "--nocapture",
        ])
        .env("EVOMOE_TOKENS_CHILD", &path)
        .output()
        .expect("prlimit (util-linux)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(&format!("{} ids, last 3", (1 << 29) + 1)),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_token_files_are_errors_naming_the_file() {
    let dir = tmp("bad");
    let err = |r: Result<TokenFile, evomoe::Error>| r.expect_err("an error").to_string();
    // Odd length for uint16.
    let odd = dir.join("odd.bin");
    std::fs::write(&odd, [1u8, 0, 2]).unwrap();
    let e = err(TokenFile::open(&odd, Dtype::Uint16, 10, None));
    assert!(e.contains("odd.bin") && e.contains("3 bytes"), "{e}");
    // An id at or above the vocabulary, with its offset.
    let big = dir.join("big.bin");
    write_tokens(&big, Dtype::Uint16, &[1, 2, 9, 10]).unwrap();
    let e = err(TokenFile::open(&big, Dtype::Uint16, 10, None));
    assert!(
        e.contains("big.bin") && e.contains("id 10 at byte offset 6"),
        "{e}"
    );
    // A missing file.
    let e = err(TokenFile::open(
        &dir.join("none.bin"),
        Dtype::Uint16,
        10,
        None,
    ));
    assert!(e.contains("none.bin"), "{e}");
    // A token directory whose meta.json disagrees with a file's size.
    write_tokens(&dir.join("train.bin"), Dtype::Uint16, &[1, 2, 3]).unwrap();
    write_tokens(&dir.join("val.bin"), Dtype::Uint16, &[4]).unwrap();
    let meta = Meta {
        dtype: Dtype::Uint16,
        vocab_size: 8,
        tokenizer_crc32: None,
        tokens: Some(Split { train: 3, val: 2 }),
        text_bytes: None,
        text_crc32: None,
    };
    meta.write(&dir).unwrap();
    let e = TokenDir::open(&dir, None).err().unwrap().to_string();
    assert!(
        e.contains("val.bin") && e.contains("meta.json says 2"),
        "{e}"
    );
    Meta {
        tokens: Some(Split { train: 3, val: 1 }),
        ..meta.clone()
    }
    .write(&dir)
    .unwrap();
    let ok = TokenDir::open(&dir, None).unwrap();
    assert_eq!((ok.train.len(), ok.val.get(0)), (3, 4));
    // A vocabulary smaller than meta.json's; no meta.json and no vocabulary.
    let e = TokenDir::open(&dir, Some(4)).err().unwrap().to_string();
    assert!(e.contains("smaller"), "{e}");
    std::fs::remove_file(dir.join("meta.json")).unwrap();
    let e = TokenDir::open(&dir, None).err().unwrap().to_string();
    assert!(e.contains("--vocab"), "{e}");
    assert_eq!(TokenDir::open(&dir, Some(5)).unwrap().meta.vocab_size, 5);
    // A corrupt meta.json.
    std::fs::write(dir.join("meta.json"), "{\"dtype\": \"uint8\"}").unwrap();
    let e = TokenDir::open(&dir, None).err().unwrap().to_string();
    assert!(e.contains("meta.json"), "{e}");
}

#[test]
fn bad_tokenizers_are_errors() {
    let dir = tmp("badtok");
    let e = Bpe::load(&dir.join("missing.json"))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("missing.json"), "{e}");
    std::fs::write(dir.join("corrupt.json"), "{\"model\": 3}").unwrap();
    let e = Bpe::load(&dir.join("corrupt.json"))
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains("corrupt.json") && e.contains("not a tokenizer.json"),
        "{e}"
    );
    let out = dir.join("t.json");
    let e = train_bpe(b"abc", 100, false, &out)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("256 byte tokens"), "{e}");
    let e = train_bpe(b"", 300, false, &out).err().unwrap().to_string();
    assert!(e.contains("empty"), "{e}");
}

fn evomoe(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_evomoe"))
        .args(args)
        .output()
        .unwrap()
}

/// `evomoe tokenize train`, `encode` and `decode` on the built-in corpus: the token directory
/// decodes back to the text `evomoe train` holds out, meta.json records the counts, and bad
/// input is one line and exit 1.
#[test]
fn tokenize_from_the_command_line() {
    let dir = tmp("cli");
    let tok = dir.join("tokenizer.json");
    let tokdir = dir.join("tokens");
    let s = |p: &Path| p.display().to_string();
    let out = evomoe(&["tokenize", "train", "--vocab", "400", "--out", &s(&tok)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = evomoe(&[
        "tokenize",
        "encode",
        "--tokenizer",
        &s(&tok),
        "--out",
        &s(&tokdir),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains("tokens per byte"),
        "{stderr}"
    );
    let td = TokenDir::open(&tokdir, None).unwrap();
    assert_eq!((td.meta.vocab_size, td.meta.dtype), (400, Dtype::Uint16));
    let corpus = Corpus::builtin();
    assert_eq!(
        td.meta.text_bytes,
        Some(Split {
            train: corpus.train.len() as u64,
            val: corpus.val.len() as u64
        })
    );
    assert!(tokdir.join("tokenizer.json").is_file());
    let text = dir.join("val.txt");
    let val = s(&tokdir.join("val.bin"));
    let out = evomoe(&[
        "tokenize",
        "decode",
        "--tokenizer",
        &s(&tok),
        "--data",
        &val,
        "--out",
        &s(&text),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&text).unwrap(), corpus.val.bytes().unwrap());

    // Bad input: one line on stderr, exit 1, no panic.
    let other = dir.join("other.json");
    let out = evomoe(&["tokenize", "train", "--vocab", "300", "--out", &s(&other)]);
    assert!(out.status.success());
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["train".into(), "--vocab".into(), "100".into()],
            "256 byte tokens",
        ),
        (vec!["train".into(), "--data".into(), s(&empty)], "empty"),
        (
            vec![
                "encode".into(),
                "--tokenizer".into(),
                s(&dir.join("nope.json")),
                "--out".into(),
                s(&dir.join("x")),
            ],
            "nope.json",
        ),
        (
            vec![
                "decode".into(),
                "--tokenizer".into(),
                s(&other),
                "--data".into(),
                val.clone(),
            ],
            "CRC-32",
        ),
    ];
    for (args, want) in cases {
        let mut all = vec!["tokenize".to_string()];
        all.extend(args.iter().cloned());
        let refs: Vec<&str> = all.iter().map(|a| a.as_str()).collect();
        let out = evomoe(&refs);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(want) && stderr.trim().lines().count() == 1,
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Every form of `--data` opens as a corpus, and batches drawn from a token file are exactly
/// the batches the same ids give in memory (the same Philox draws, read through the map).
#[test]
fn token_data_opens_in_every_form_and_batches_match_bytes() {
    use evomoe::tokens::{open_corpus, DataSpec, Quiet};
    use evomoe::train::data::{eval_batches, sample_batch};
    let dir = tmp("forms");
    let bytes = &evomoe::train::data::BUILTIN_CORPUS[..50_000];
    fn spec(data: &str, vocab: Option<usize>) -> DataSpec<'_> {
        DataSpec {
            data,
            tokenizer: "",
            vocab,
            val_fraction: 0.1,
        }
    }
    let text = open_corpus(&spec("builtin", None), &mut Quiet).unwrap();
    assert_eq!((text.vocab, text.unit()), (256, "bytes"));
    assert_eq!(text.bits_per_byte(std::f64::consts::LN_2), Some(1.0));

    // A single .bin without meta.json: uint16 with the given vocabulary, the end held out.
    let ids: Vec<u32> = bytes.iter().map(|&b| b as u32).collect();
    let single = dir.join("one").join("data.bin");
    std::fs::create_dir_all(single.parent().unwrap()).unwrap();
    write_tokens(&single, Dtype::Uint16, &ids).unwrap();
    let c = open_corpus(&spec(single.to_str().unwrap(), Some(256)), &mut Quiet).unwrap();
    assert_eq!((c.train.len(), c.val.len()), (45_000, 5_000));
    assert_eq!((c.vocab, c.unit(), c.resident_bytes()), (256, "tokens", 0));
    assert_eq!(
        c.bits_per_byte(1.0),
        None,
        "no byte counts without meta.json"
    );
    let mem = Corpus::split(bytes, 0.1).unwrap();
    for step in [0, 1, 99] {
        assert_eq!(
            sample_batch(&c.train, 4, 32, 7, step).unwrap(),
            sample_batch(&mem.train, 4, 32, 7, step).unwrap()
        );
    }
    assert_eq!(
        eval_batches(&c.val, 2, 32, 3),
        eval_batches(&mem.val, 2, 32, 3)
    );

    // train.bin with val.bin beside it is the directory, with meta.json's counts.
    let tokdir = dir.join("dir");
    std::fs::create_dir_all(&tokdir).unwrap();
    write_tokens(&tokdir.join("train.bin"), Dtype::Uint16, &ids[..40_000]).unwrap();
    write_tokens(&tokdir.join("val.bin"), Dtype::Uint16, &ids[40_000..]).unwrap();
    Meta {
        dtype: Dtype::Uint16,
        vocab_size: 300,
        tokenizer_crc32: None,
        tokens: Some(Split {
            train: 40_000,
            val: 10_000,
        }),
        text_bytes: Some(Split {
            train: 80_000,
            val: 20_000,
        }),
        text_crc32: None,
    }
    .write(&tokdir)
    .unwrap();
    let train_bin = tokdir.join("train.bin");
    for data in [&tokdir, &train_bin] {
        let c = open_corpus(&spec(data.to_str().unwrap(), None), &mut Quiet).unwrap();
        assert_eq!((c.train.len(), c.val.len(), c.vocab), (40_000, 10_000, 300));
        // Half a token per byte: bits per byte is half the loss in bits.
        let bpb = c.bits_per_byte(2.0 * std::f64::consts::LN_2).unwrap();
        assert!((bpb - 1.0).abs() < 1e-12, "{bpb}");
    }
    // nanoGPT's directory (train.bin, val.bin, no meta.json) needs the vocabulary.
    let nano = dir.join("nano");
    std::fs::create_dir_all(&nano).unwrap();
    write_tokens(&nano.join("train.bin"), Dtype::Uint16, &ids[..40_000]).unwrap();
    write_tokens(&nano.join("val.bin"), Dtype::Uint16, &ids[40_000..]).unwrap();
    let e = open_corpus(&spec(nano.to_str().unwrap(), None), &mut Quiet)
        .expect_err("no vocabulary for a directory without meta.json")
        .to_string();
    assert!(e.contains("--vocab"), "{e}");
    let c = open_corpus(&spec(nano.to_str().unwrap(), Some(50_304)), &mut Quiet).unwrap();
    assert_eq!(
        (c.train.len(), c.val.len(), c.vocab),
        (40_000, 10_000, 50_304)
    );
    // A padded vocabulary is the data's bound too; a smaller one is refused.
    let padded = open_corpus(&spec(tokdir.to_str().unwrap(), Some(320)), &mut Quiet).unwrap();
    assert_eq!(padded.vocab, 320);
    let e = open_corpus(&spec(tokdir.to_str().unwrap(), Some(100)), &mut Quiet)
        .expect_err("a vocabulary below meta.json's")
        .to_string();
    assert!(e.contains("100") && e.contains("300"), "{e}");
}

//! `evomoe serve` under hostile clients, on 127.0.0.1 only: an endless request line, a header
//! flood and 200 idle connections. The server answers 414 and 431, turns connections past its
//! limit away with 503, closes idle ones after `--idle-timeout`, serves a normal request again
//! afterwards, and its resident memory stays under 64 MiB throughout.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use evomoe::testing::scratch_dir;

const BIN: &str = env!("CARGO_BIN_EXE_evomoe");
/// The bound on the server's resident memory that this test holds it to.
const RSS_LIMIT_KIB: u64 = 64 * 1024;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0", "--idle-timeout", "2", "--dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the evomoe binary runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "serving DIR at http://127.0.0.1:PORT/ (...)"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in `{line}`"))
        .to_string();
    Server { child, addr }
}

/// The server's resident memory in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The status line of the response on `s`.
fn status_line(s: &mut TcpStream) -> String {
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.lines().next().unwrap_or("").to_string()
}

fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // A connection turned away with 503 may be closed before the request is written, or reset
    // before its answer is read: then the status is empty and the caller tries again.
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    let status = text.lines().next().unwrap_or("").to_string();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

#[test]
fn hostile_clients_stay_within_bounds() {
    let dir = scratch_dir("serve-hostile");
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<p>evomoe</p>").unwrap();
    let server = start(&dir);
    let pid = server.child.id();
    assert_eq!(get(&server.addr, "/").0, "HTTP/1.1 200 OK");

    // An endless request line: cut off after the limit with 414, while the client still sends.
    let mut endless = TcpStream::connect(&server.addr).unwrap();
    endless
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 64 << 20 {
        match endless.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break, // the server closed the connection
        }
    }
    assert!(
        sent < 64 << 20,
        "the server read 64 MiB of one request line"
    );
    assert_eq!(status_line(&mut endless), "HTTP/1.1 414 URI Too Long");

    // A header flood: 431.
    let mut flood = TcpStream::connect(&server.addr).unwrap();
    let mut req = b"GET / HTTP/1.1\r\n".to_vec();
    for i in 0..2000 {
        req.extend(format!("X-Pad-{i}: {}\r\n", "b".repeat(30)).as_bytes());
    }
    let _ = flood.write_all(&req);
    assert_eq!(
        status_line(&mut flood),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );

    // 200 idle connections: at most 32 are held, the rest are turned away with 503.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let rss = rss_kib(pid);
    eprintln!("server RSS with 200 idle connections: {rss} KiB");
    assert!(rss < RSS_LIMIT_KIB, "RSS {rss} KiB");
    let busy = idle
        .iter_mut()
        .skip(40)
        .take(20)
        .map(status_line)
        .filter(|l| l == "HTTP/1.1 503 Service Unavailable")
        .count();
    assert_eq!(busy, 20, "connections past the limit are not turned away");

    // After the idle timeout (2 s) the held connections are closed and a request succeeds.
    let start = Instant::now();
    let (status, body) = loop {
        let r = get(&server.addr, "/");
        if r.0.contains("200") || start.elapsed() > Duration::from_secs(10) {
            break r;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(
        (status.as_str(), body.as_str()),
        ("HTTP/1.1 200 OK", "<p>evomoe</p>")
    );
    // Every connection has been closed by the server: held ones after their timeout, the
    // ones turned away after their 503 (a read to the end returns instead of timing out).
    let mut closed = 0;
    for s in idle.iter_mut().take(32) {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut rest = Vec::new();
        match s.read_to_end(&mut rest) {
            Ok(_) => closed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 32, "idle connections were not closed");
    assert!(rss_kib(pid) < RSS_LIMIT_KIB);
}

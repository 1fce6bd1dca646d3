//! `evomoe serve`: a static file server for the browser page (`web/`, built by
//! `scripts/build-web.sh`) on localhost, where browsers allow WebGPU over plain http. GET and
//! HEAD only, files under the directory only, the MIME types the page needs (`application/wasm`
//! lets the browser compile the module while it downloads).
//!
//! Bounded in everything a client controls: a request line of at most [`MAX_LINE`] bytes
//! (longer: `414`), headers of at most [`MAX_HEADERS`] bytes in all (`431`), a connection that
//! sends nothing for `--idle-timeout` seconds is closed, and at most [`MAX_CONNECTIONS`]
//! connections are served at once (one thread each; the next ones get `503` at once). Its memory
//! therefore stays within a few megabytes whatever clients send.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The longest request line accepted, in bytes.
pub const MAX_LINE: u64 = 8 * 1024;
/// The most header bytes accepted (all lines together).
pub const MAX_HEADERS: u64 = 32 * 1024;
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 32;

use evomoe::{Error, Result};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The directory to serve (the page and its pkg/).
    #[arg(long, default_value = "web")]
    dir: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Close a connection that sends nothing for this many seconds.
    #[arg(long, default_value_t = 10)]
    idle_timeout: u64,
}

pub fn serve(args: &ServeArgs) -> Result<i32> {
    let index = args.dir.join("index.html");
    if !index.is_file() {
        return Err(Error::Config(format!(
            "{} has no index.html: pass the page's directory with --dir",
            args.dir.display()
        )));
    }
    if !args.dir.join("pkg").is_dir() {
        return Err(Error::Config(format!(
            "{}/pkg is missing: build the page first with `bash scripts/build-web.sh`",
            args.dir.display()
        )));
    }
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        Error::Config(format!(
            "cannot listen on 127.0.0.1:{}: {e} (pick another --port)",
            args.port
        ))
    })?;
    let addr = listener.local_addr()?;
    println!(
        "serving {} at http://{addr}/ (open it in a browser with WebGPU; Ctrl-C stops)",
        args.dir.display()
    );
    if args.idle_timeout == 0 {
        return Err(Error::Config(
            "--idle-timeout must be at least 1 second".into(),
        ));
    }
    let timeout = Duration::from_secs(args.idle_timeout);
    let root = args.dir.canonicalize()?;
    let open = Arc::new(AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = respond(
                &mut stream,
                "503 Service Unavailable",
                "text/plain",
                b"busy\n",
                true,
            );
            continue;
        }
        let (root, count) = (root.clone(), open.clone());
        let spawned = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let _ = stream.set_read_timeout(Some(timeout));
                let _ = stream.set_write_timeout(Some(timeout));
                if let Err(e) = answer(stream, &root) {
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::BrokenPipe
                            | std::io::ErrorKind::ConnectionReset
                    ) {
                        eprintln!("serve: {e}");
                    }
                }
                count.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // The thread did not start (out of threads): the connection is dropped.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Ok(0)
}

/// Reads one line of at most `limit` bytes; `None` when the line is longer (or the client
/// closed the connection mid-line).
fn read_line_bounded(reader: &mut impl BufRead, limit: u64) -> std::io::Result<Option<String>> {
    let mut bytes = Vec::new();
    reader.take(limit).read_until(b'\n', &mut bytes)?;
    if bytes.last() != Some(&b'\n') {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Reads one request and answers it.
fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(4096, stream.try_clone()?);
    let mut out = stream;
    let Some(request) = read_line_bounded(&mut reader, MAX_LINE)? else {
        return refuse(&mut out, "414 URI Too Long", b"request line too long\n");
    };
    // Skip the headers, up to MAX_HEADERS bytes in all.
    let mut header_bytes = 0;
    loop {
        let left = MAX_HEADERS.saturating_sub(header_bytes);
        match read_line_bounded(&mut reader, left)? {
            Some(line) if line.len() > 2 => header_bytes += line.len() as u64,
            Some(_) => break,
            None => {
                return refuse(
                    &mut out,
                    "431 Request Header Fields Too Large",
                    b"headers too large\n",
                )
            }
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return refuse(&mut out, "405 Method Not Allowed", b"GET only\n");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(root, path) {
        Some(file) => {
            // Streamed, not read whole: memory per connection stays bounded by the buffers.
            let mut body = std::fs::File::open(&file)?;
            let len = body.metadata()?.len();
            write_head(&mut out, "200 OK", mime(&file), len)?;
            if method == "GET" {
                std::io::copy(&mut body, &mut out)?;
            }
            out.flush()
        }
        None => respond(
            &mut out,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            true,
        ),
    }
}

/// The file a URL path names under `root`: `/` is `index.html`; nothing outside `root`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = url_path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    if rel.split('/').any(|c| c == ".." || c.contains('\\')) {
        return None;
    }
    let file = root.join(rel).canonicalize().ok()?;
    (file.starts_with(root) && file.is_file()).then_some(file)
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn write_head(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    len: u64,
) -> std::io::Result<()> {
    // One write, so that the head leaves in one piece.
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n"
    );
    out.write_all(head.as_bytes())
}

/// Answers a request that is not read to its end (too long, a body): the answer, then a
/// lingering close. Closing a socket with unread input makes the OS reset the connection and
/// drop the answer still in flight; so the server stops sending, reads and discards what the
/// client still sends (at most 1 MiB, for at most 2 s), then closes.
fn refuse(out: &mut TcpStream, status: &str, body: &[u8]) -> std::io::Result<()> {
    let mut answer = Vec::new();
    answer.extend_from_slice(
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    answer.extend_from_slice(body);
    out.write_all(&answer)?;
    out.flush()?;
    out.shutdown(std::net::Shutdown::Write)?;
    out.set_read_timeout(Some(Duration::from_millis(500)))?;
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    let (mut left, mut buf) = (1usize << 20, [0u8; 4096]);
    while left > 0 && std::time::Instant::now() < deadline {
        match out.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write_head(out, status, content_type, body.len() as u64)?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_root() {
        let root = std::env::temp_dir().join(format!("evomoe-serve-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("pkg/a.wasm"), "x").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/pkg/a.wasm"), Some(root.join("pkg/a.wasm")));
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/pkg/../../x"), None);
        assert_eq!(resolve(&root, "/missing.js"), None);
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

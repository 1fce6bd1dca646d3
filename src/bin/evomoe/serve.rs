//! `evomoe serve`: a static file server for the browser page (`web/`, built by
//! `scripts/build-web.sh`) on localhost, where browsers allow WebGPU over plain http. GET and
//! HEAD only, files under the directory only, the MIME types the page needs (`application/wasm`
//! lets the browser compile the module while it downloads).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use evomoe::{Error, Result};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The directory to serve (the page and its pkg/).
    #[arg(long, default_value = "web")]
    dir: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8000)]
    port: u16,
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
    let root = args.dir.canonicalize()?;
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            if let Err(e) = answer(stream, &root) {
                eprintln!("serve: {e}");
            }
        });
    }
    Ok(0)
}

/// Reads one request and answers it.
fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
            true,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(root, path) {
        Some(file) => {
            let body = std::fs::read(&file)?;
            respond(&mut out, "200 OK", mime(&file), &body, method == "GET")
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

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
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

#!/usr/bin/env python3
"""The page in a real browser: headless Chromium, driven over the DevTools protocol.

Serves web/ with `evomoe serve`, starts Chromium with WebGPU on (on a machine without a GPU it
picks its built-in SwiftShader adapter), opens the page and, through the same functions the
buttons call (`window.evomoe`):
  1. runs the selftest: the checks must be exactly the native `evomoe selftest --list`, none may
     fail, and the JSON report is written to --report;
  2. trains the tiny EvoMoE model for --steps steps: the training loss must go down, the run
     must pass the spawn, and the page must sample text from it;
  3. opens the page in a browser with WebGPU turned off: it must say so.
Exits non-zero with one line per problem. The DevTools protocol runs over a pipe
(--remote-debugging-pipe: NUL-terminated JSON on file descriptors 3 and 4), so the test needs
nothing beyond the standard library.

Usage: python3 web/test/browser_test.py [--browser PATH] [--evomoe PATH] [--steps 50]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

BROWSERS = ["chromium-headless-shell", "chromium", "google-chrome", "chrome"]


class DevTools:
    """A browser started with --remote-debugging-pipe and one attached page."""

    def __init__(self, browser, log, webgpu=True):
        self.log = log
        self.profile = tempfile.mkdtemp(prefix="evomoe-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():  # the browser reads commands on fd 3 and writes on fd 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        args = [
            browser,
            "--headless",
            "--no-sandbox",  # as root in CI
            *(["--enable-unsafe-webgpu", "--enable-features=Vulkan"] if webgpu else ["--disable-features=WebGPU"]),
            "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            # fds 3 and 4 are made in preexec_fn, so the usual closing of inherited fds (which
            # runs after it) must be off.
            args, preexec_fn=fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.profile, "stderr.txt"), "w"),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buf = b""
        self.next_id = 0
        self.session = None
        self.console = []

    def send(self, method, params=None, session=True, timeout=600):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self.read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m["result"]
            self.event(m)

    def read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("the browser did not answer in time")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed the DevTools pipe (it crashed or quit)")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def event(self, m):
        method = m.get("method", "")
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in m["params"]["args"])
            self.console.append(f"console.{m['params']['type']}: {text}")
            self.log(self.console[-1])
        elif method == "Runtime.exceptionThrown":
            d = m["params"]["exceptionDetails"]
            self.console.append(f"exception: {d.get('exception', {}).get('description', d.get('text'))}")
            self.log(self.console[-1])

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Runtime.enable")
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression, timeout=900):
        """The value of a JavaScript expression (awaited if it is a promise)."""
        r = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise RuntimeError(d.get("exception", {}).get("description", d.get("text", "exception")))
        return r["result"].get("value")

    def close(self):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def no_webgpu_message(browser, url, log):
    """With WebGPU turned off, the page must say so in its error box."""
    dt = DevTools(browser, log, webgpu=False)
    try:
        dt.open(url)
        deadline = time.time() + 60
        while dt.evaluate("typeof window.evomoe") != "object":
            if time.time() > deadline:
                return ["without WebGPU the page did not load"]
            time.sleep(0.2)
        dt.evaluate("window.evomoe.ready.catch(() => null)", timeout=60)
        shown = dt.evaluate("document.getElementById('error').hidden ? '' : document.getElementById('error').textContent")
    finally:
        dt.close()
    log(f"without WebGPU the page says: {shown}")
    if "no WebGPU" not in shown:
        return [f"without WebGPU the page does not say so (error box: {shown!r})"]
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--browser", help="Chromium binary (default: the first of %s on PATH)" % ", ".join(BROWSERS))
    ap.add_argument("--evomoe", default="target/release/evomoe", help="the evomoe binary (serves the page, lists the checks)")
    ap.add_argument("--steps", type=int, default=50, help="training steps in the browser")
    ap.add_argument("--report", default="target/selftest-browser.json", help="where to write the browser's selftest report")
    args = ap.parse_args()
    browser = args.browser or next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    if not browser:
        sys.exit("error: no Chromium found (apt-get install chromium-headless-shell)")
    if not os.path.isfile("web/pkg/evomoe_web_bg.wasm"):
        sys.exit("error: web/pkg is not built (bash scripts/build-web.sh)")
    start = time.time()
    log = lambda s: print(f"[{time.time() - start:6.1f} s] {s}", file=sys.stderr, flush=True)
    native = subprocess.run([args.evomoe, "selftest", "--list"], check=True, capture_output=True, text=True).stdout.split()

    server = subprocess.Popen([args.evomoe, "serve", "--dir", "web", "--port", "0"], stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().split(" at ")[1].split()[0]
    log(f"page at {url}; browser {browser}")
    dt = DevTools(browser, log)
    problems = []
    try:
        dt.open(url)
        deadline = time.time() + 120
        while dt.evaluate("typeof window.evomoe") != "object":
            if time.time() > deadline:
                raise RuntimeError("the page did not load (window.evomoe never appeared)")
            time.sleep(0.2)
        adapter = dt.evaluate("window.evomoe.ready.then(JSON.stringify)", timeout=120)
        adapter = json.loads(adapter)
        log(f"adapter: {adapter['name']} ({adapter['backend']}, {adapter['device_type']}), features {adapter['features']}")

        st = json.loads(dt.evaluate("window.evomoe.selftest().then(JSON.stringify)"))
        names = [c["check"] for c in st["checks"]]
        if names != native:
            problems.append(f"the browser ran {len(names)} checks, the native selftest lists {len(native)}: "
                            f"missing {sorted(set(native) - set(names))}, extra {sorted(set(names) - set(native))}")
        for c in st["checks"]:
            if c["status"] in ("fail", "unexpected-pass"):
                problems.append(f"selftest {c['check']}: {c['status']}: {c['error']}")
            elif c["status"] == "not-available":
                log(f"not available: {c['check']}: {c['error']}")
        log(f"selftest: {st['pass']} pass, {st['fail']} fail, {st['not_available']} not available, {st['wall_ms'] / 1000:.1f} s")
        if st["pass"] == 0:
            problems.append("no selftest check passed")
        report = dt.evaluate("window.evomoe.report()")
        os.makedirs(os.path.dirname(args.report) or ".", exist_ok=True)
        with open(args.report, "w") as f:
            f.write(report)

        tr = json.loads(dt.evaluate(f"window.evomoe.train({{method: 'evomoe', steps: {args.steps}}}).then(JSON.stringify)"))
        log(f"training: {tr['steps']} steps, loss {tr['first_loss']:.4f} -> {tr['last_loss']:.4f} over {tr['logged']} logged points, "
            f"validation {tr['final_val_loss']}, {tr['tokens_per_s']:.0f} tokens/s; notes {tr['notes']}")
        log(f"sample: {tr['sample']!r}")
        log("timeline (step, s, tokens/s): " + ", ".join(f"{s} {t:.0f} {v:.0f}" for s, t, v in tr["timeline"]))
        if tr["error"]:
            problems.append(f"training: the page shows an error: {tr['error']}")
        if tr["steps"] != args.steps:
            problems.append(f"training ran {tr['steps']} steps, not {args.steps}")
        if not (tr["last_loss"] < tr["first_loss"] - 0.2):
            problems.append(f"training did not lower the loss: {tr['first_loss']} -> {tr['last_loss']}")
        if not any("spawned" in n for n in tr["notes"]):
            problems.append("training never spawned the experts (EvoMoE's first phase did not end)")
        if len(tr["sample"]) == 0:
            problems.append("the page sampled no text")
    except Exception as e:  # the one line that says what went wrong, then the page's console
        problems.append(f"{type(e).__name__}: {e}")
        for line in dt.console[-20:]:
            print(f"  {line}", file=sys.stderr)
    finally:
        dt.close()
    problems += no_webgpu_message(browser, url, log)
    server.kill()
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    log("the page passed in the browser")


if __name__ == "__main__":
    main()

// The page: opens WebGPU through the wasm module (pkg/, built by scripts/build-web.sh), runs the
// selftest into a table, trains with live plots and samples text. `window.evomoe` exposes
// `ready`, `selftest()`, `report()` and `train({method, steps})` for the headless-browser test
// (web/test/browser_test.py), which drives the same code as the buttons.
import init, * as wasm from "./pkg/evomoe_web.js";

const $ = (id) => document.getElementById(id);

function showError(e) {
  const box = $("error");
  box.hidden = false;
  box.textContent = String(e && e.message ? e.message : e);
}

// ---------------------------------------------------------------- plots (plain canvas 2D)

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

// Lines of {name, points: [[x, y], ..]} with axes and a legend.
function lineChart(canvas, series) {
  const g = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, L = 52, R = 10, T = 10, B = 26;
  g.clearRect(0, 0, W, H);
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p[1]));
  if (pts.length === 0) {
    g.fillStyle = "#999";
    g.fillText("no data yet", W / 2 - 25, H / 2);
    return;
  }
  let [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  let [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const pad = (y1 - y0) * 0.05;
  y0 -= pad; y1 += pad;
  const X = (x) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const Y = (y) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  g.strokeStyle = "#888";
  g.fillStyle = "#444";
  g.font = "11px sans-serif";
  g.beginPath();
  g.moveTo(L, T); g.lineTo(L, H - B); g.lineTo(W - R, H - B);
  g.stroke();
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4, x = x0 + ((x1 - x0) * i) / 4;
    g.fillText(y.toPrecision(3), 2, Y(y) + 4);
    g.fillText(String(Math.round(x)), X(x) - 8, H - 8);
  }
  series.forEach((s, k) => {
    g.strokeStyle = s.color || COLORS[k % COLORS.length];
    g.lineWidth = 1.5;
    g.beginPath();
    let started = false;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y)) { started = false; continue; }
      if (started) g.lineTo(X(x), Y(y)); else g.moveTo(X(x), Y(y));
      started = true;
    }
    g.stroke();
    g.fillStyle = g.strokeStyle;
    g.fillText(s.name, W - R - 110, T + 12 + 13 * k);
  });
}

// Columns = logged steps, rows = experts, shade = the expert's share of the (token, expert)
// assignments of that step (1/E everywhere when every token goes to every expert).
function heatMap(canvas, columns) {
  const g = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, L = 52, B = 26, T = 10, R = 10;
  g.clearRect(0, 0, W, H);
  g.font = "11px sans-serif";
  if (columns.length === 0) {
    g.fillStyle = "#999";
    g.fillText("no routing yet (dense, or before the spawn)", 60, H / 2);
    return;
  }
  columns = columns.map((c) => {
    const sum = c.load.reduce((a, b) => a + b, 0) || 1;
    return { step: c.step, load: c.load.map((v) => v / sum) };
  });
  const E = Math.max(...columns.map((c) => c.load.length));
  const max = Math.max(1e-9, ...columns.flatMap((c) => c.load));
  const cw = (W - L - R) / columns.length, rh = (H - T - B) / E;
  columns.forEach((c, i) => {
    c.load.forEach((v, e) => {
      const a = v / max;
      g.fillStyle = `rgb(${Math.round(255 - 224 * a)}, ${Math.round(255 - 136 * a)}, ${Math.round(255 - 75 * a)})`;
      g.fillRect(L + i * cw, T + e * rh, Math.ceil(cw), Math.ceil(rh));
    });
  });
  g.fillStyle = "#444";
  for (let e = 0; e < E; e++) g.fillText(`expert ${e}`, 2, T + (e + 0.6) * rh);
  g.fillText(`step ${columns[0].step}`, L, H - 8);
  g.fillText(`step ${columns[columns.length - 1].step}`, W - R - 60, H - 8);
  g.fillText(`darkest = ${(100 * max).toFixed(0)}%`, W / 2 - 30, H - 8);
}

// ---------------------------------------------------------------- selftest

let lastReport = null;

async function selftest() {
  const checks = JSON.parse(wasm.check_names());
  const body = $("st-table").querySelector("tbody");
  body.textContent = "";
  $("st-run").disabled = true;
  $("st-download").disabled = true;
  const results = [];
  const started = performance.now();
  for (let i = 0; i < checks.length; i++) {
    $("st-progress").textContent = `${i}/${checks.length}: ${checks[i].name}`;
    const r = JSON.parse(await wasm.run_check(i));
    results.push(r);
    const tr = document.createElement("tr");
    const err = r.max_rel_err == null ? "" : r.max_rel_err.toExponential(2);
    for (const [text, cls] of [[r.check, ""], [r.status.replace("-", " "), r.status], [err, ""], [r.wall_ms.toFixed(0), ""], [r.error || "", ""]]) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  const wall = performance.now() - started;
  lastReport = wasm.selftest_report(wall);
  const count = (s) => results.filter((r) => r.status === s).length;
  const summary = {
    checks: results.map((r) => ({ check: r.check, status: r.status, max_rel_err: r.max_rel_err, error: r.error })),
    pass: count("pass"),
    fail: count("fail") + count("unexpected-pass"),
    not_available: count("not-available"),
    wall_ms: wall,
  };
  $("st-progress").textContent = `${summary.pass} pass, ${summary.fail} fail, ${summary.not_available} not available, in ${(wall / 1000).toFixed(1)} s`;
  $("st-run").disabled = false;
  $("st-download").disabled = false;
  return summary;
}

function downloadReport() {
  const blob = new Blob([lastReport], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "evomoe-selftest.json";
  a.click();
  URL.revokeObjectURL(a.href);
}

// ---------------------------------------------------------------- training

const run = { trainer: null, logs: [], notes: [], running: false, stopping: false, sampleAsked: false, finished: null };

function setButtons() {
  const idle = !run.running;
  $("tr-start").disabled = !idle;
  $("tr-stop").disabled = idle;
  $("tr-resume").disabled = !(idle && run.trainer && !run.finished);
  $("sm-run").disabled = !run.trainer;
}

function draw() {
  const logs = run.logs;
  lineChart($("pl-loss"), [
    { name: "training", points: logs.map((l) => [l.step, l.loss]) },
    { name: "validation", points: logs.filter((l) => l.val_loss != null).map((l) => [l.step, l.val_loss]) },
  ]);
  const ept = (l) => (l.layers && l.layers.length ? l.layers.reduce((s, x) => s + x.experts_per_token, 0) / l.layers.length : NaN);
  lineChart($("pl-tau"), [
    { name: "tau", points: logs.map((l) => [l.step, l.tau == null ? NaN : l.tau]) },
    { name: "experts/token", points: logs.map((l) => [l.step, ept(l)]) },
  ]);
  heatMap($("pl-load"), logs.filter((l) => l.layers && l.layers.length).map((l) => ({ step: l.step, load: l.layers[0].load })));
  lineChart($("pl-speed"), [{ name: "tokens/s", points: logs.map((l) => [l.step, l.tokens_per_s]) }]);
}

function take(events) {
  for (const e of events) {
    if (e.log) run.logs.push(e.log);
    if (e.note) {
      run.notes.push(e.note);
      const li = document.createElement("li");
      li.textContent = e.note;
      $("tr-notes").appendChild(li);
    }
  }
}

function status() {
  const t = run.trainer;
  const last = run.logs[run.logs.length - 1];
  let s = `step ${t.steps_done()} of ${t.end()}`;
  if (last) s += `, loss ${last.loss.toFixed(3)}, ${Math.round(last.tokens_per_s)} tokens/s, phase ${last.phase}`;
  if (run.finished) s += ` — done: validation loss ${run.finished.final_val_loss.toFixed(4)}, ${Math.round(run.finished.tokens_per_s)} tokens/s overall`;
  else if (!run.running) s += " — stopped";
  $("tr-status").textContent = s;
}

async function loop() {
  run.running = true;
  run.stopping = false;
  setButtons();
  try {
    const chunk = Math.max(1, Math.floor(run.trainer.end() / 50));
    while (!run.stopping && !run.trainer.is_done()) {
      take(JSON.parse(await run.trainer.steps(chunk)));
      draw();
      status();
      if (run.sampleAsked) await sample();
      await new Promise((r) => setTimeout(r, 0)); // let the page paint and take clicks
    }
    if (run.trainer.is_done()) {
      run.finished = JSON.parse(await run.trainer.finish());
      take(run.finished.events);
      draw();
    }
  } catch (e) {
    showError(e);
  } finally {
    run.running = false;
    setButtons();
    status();
  }
}

async function startTraining(method, steps) {
  $("error").hidden = true;
  if (run.trainer) run.trainer.free();
  Object.assign(run, { trainer: null, logs: [], notes: [], finished: null });
  $("tr-notes").textContent = "";
  $("tr-status").textContent = "building the model (the first run compiles the kernels)…";
  run.trainer = await wasm.Trainer.create(method, steps, "");
  $("tr-status").textContent = `${run.trainer.params()} parameters`;
  await loop();
  return run;
}

async function sample() {
  run.sampleAsked = false;
  try {
    $("sm-out").textContent = "sampling…";
    const text = await run.trainer.sample($("sm-prompt").value, Number($("sm-length").value), Number($("sm-temp").value));
    $("sm-out").textContent = $("sm-prompt").value + text;
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------- start-up

const ready = (async () => {
  await init();
  if (!navigator.gpu) {
    throw new Error("This browser has no WebGPU (navigator.gpu is missing). Use Chrome or Edge 113+, Firefox 141+ or Safari 26+, or turn WebGPU on in the browser's settings; over plain http WebGPU needs localhost.");
  }
  const info = JSON.parse(await wasm.open_gpu());
  $("adapter").textContent = `WebGPU adapter: ${info.name || "(unnamed)"} (${info.backend}, ${info.device_type}); features: ${info.features.join(", ") || "none"}; storage buffers per stage: ${info.limits.max_storage_buffers_per_shader_stage}`;
  $("st-run").disabled = false;
  setButtons();
  return info;
})();
ready.catch((e) => {
  $("adapter").textContent = "No usable WebGPU adapter.";
  showError(e);
});

$("st-run").onclick = () => selftest().catch(showError);
$("st-download").onclick = downloadReport;
$("tr-start").onclick = () => startTraining($("tr-method").value, Number($("tr-steps").value)).catch(showError);
$("tr-stop").onclick = () => { run.stopping = true; };
$("tr-resume").onclick = () => loop();
$("sm-run").onclick = () => { if (run.running) run.sampleAsked = true; else sample(); };

window.evomoe = {
  ready,
  selftest,
  // The JSON report of the last selftest (the schema of `evomoe selftest --json`).
  report: () => lastReport,
  // A whole run without clicks; resolves to what the test checks.
  async train({ method = "evomoe", steps = 50 } = {}) {
    await startTraining(method, steps);
    const losses = run.logs.map((l) => l.loss);
    const text = await run.trainer.sample("ROMEO:", 40, 0.8);
    return {
      steps: run.trainer.steps_done(),
      first_loss: losses[0],
      last_loss: losses[losses.length - 1],
      logged: losses.length,
      final_val_loss: run.finished ? run.finished.final_val_loss : null,
      tokens_per_s: run.finished ? run.finished.tokens_per_s : null,
      notes: run.notes,
      // [step, seconds since the start, tokens/s of the steps since the previous point]
      timeline: run.logs.map((l) => [l.step, l.elapsed_s, l.tokens_per_s]),
      sample: text,
      error: $("error").hidden ? null : $("error").textContent,
    };
  },
};

//! PNG plots (no GPU): two panels like a training run's (losses of two series, one with a band,
//! on a log axis; experts per token and tau on a linear one) rendered to RGB and checked for the
//! series colours in each plot area, the band's tint, and text in the title strip; degenerate data
//! (NaN, infinities, a single point, a flat line, non-positive values on a log axis, no data at
//! all); the PNG file (signature, IHDR size, no temporary file left); and the error cases.

use std::path::Path;

use evomoe::plot::{render_rgb, write_png, Panel, Series};
use evomoe::testing::scratch_dir;

const WIDTH: u32 = 640;
const PANEL_HEIGHT: u32 = 300;

/// The first two palette colours (series 0 and 1 of a panel).
const BLUE: [u8; 3] = [31, 119, 180];
const ORANGE: [u8; 3] = [255, 127, 14];

fn series(label: &str, points: Vec<(f64, f64)>) -> Series {
    Series {
        label: label.into(),
        points,
        band: Vec::new(),
    }
}

/// Losses (log y): "train" falling from 8 to about 2.2 with a ±15% band, "valid" above it.
fn loss_panel() -> Panel {
    let steps: Vec<f64> = (0..=50).map(|i| i as f64 * 20.0).collect();
    let train = |s: f64| 2.0 + 6.0 * (-s / 250.0).exp();
    let mut train_series = series("train", steps.iter().map(|&s| (s, train(s))).collect());
    train_series.band = steps
        .iter()
        .map(|&s| (s, 0.85 * train(s), 1.15 * train(s)))
        .collect();
    let valid = series(
        "valid",
        steps.iter().map(|&s| (s, 0.3 + 1.05 * train(s))).collect(),
    );
    Panel {
        title: "Loss".into(),
        x_label: "step".into(),
        y_label: "cross-entropy".into(),
        series: vec![train_series, valid],
        log_y: true,
    }
}

/// Experts per token rising from 1 to 4 and tau falling from 2 to 0.2 (linear y).
fn routing_panel() -> Panel {
    let steps: Vec<f64> = (0..=50).map(|i| i as f64 * 20.0).collect();
    Panel {
        title: "Routing".into(),
        x_label: "step".into(),
        y_label: "value".into(),
        series: vec![
            series(
                "experts per token",
                steps.iter().map(|&s| (s, 1.0 + 3.0 * s / 1000.0)).collect(),
            ),
            series(
                "tau",
                steps.iter().map(|&s| (s, 2.0 - 1.8 * s / 1000.0)).collect(),
            ),
        ],
        log_y: false,
    }
}

fn pixel(rgb: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
    let i = 3 * (y as usize * width as usize + x as usize);
    [rgb[i], rgb[i + 1], rgb[i + 2]]
}

/// Pixels in rows `rows` and columns `cols` that satisfy `keep`.
fn count(
    rgb: &[u8],
    width: u32,
    rows: std::ops::Range<u32>,
    cols: std::ops::Range<u32>,
    keep: impl Fn([u8; 3]) -> bool,
) -> usize {
    rows.flat_map(|y| cols.clone().map(move |x| (x, y)))
        .filter(|&(x, y)| keep(pixel(rgb, width, x, y)))
        .count()
}

fn is_dark(p: [u8; 3]) -> bool {
    p.iter().all(|&c| c < 100)
}

/// `colour` at 20% over white, as the band is drawn, within ±2 per channel.
fn is_tint_of(colour: [u8; 3]) -> impl Fn([u8; 3]) -> bool {
    move |p| (0..3).all(|c| (p[c] as f64 - (0.8 * 255.0 + 0.2 * colour[c] as f64)).abs() <= 2.0)
}

/// Rows of panel `k`'s plot area, left of the legend (which sits in the upper right) and clear
/// of the title strip and the axis labels.
fn plot_area(k: u32) -> (std::ops::Range<u32>, std::ops::Range<u32>) {
    let top = k * PANEL_HEIGHT;
    (top + 45..top + PANEL_HEIGHT - 60, 100..WIDTH / 2)
}

#[test]
fn two_panels_show_every_series_band_and_text() {
    let panels = [loss_panel(), routing_panel()];
    let rgb = render_rgb(&panels, WIDTH, PANEL_HEIGHT).unwrap();
    assert_eq!(rgb.len(), (WIDTH * 2 * PANEL_HEIGHT * 3) as usize);

    for k in 0..2 {
        let (rows, cols) = plot_area(k);
        for colour in [BLUE, ORANGE] {
            let n = count(&rgb, WIDTH, rows.clone(), cols.clone(), |p| p == colour);
            assert!(n > 50, "panel {k}: {n} pixels of series colour {colour:?}");
        }
        // Above the middle of the plot area: only the title's glyphs are dark there (the axes
        // and tick labels are further left, the grid and the lines are not dark).
        let top = k * PANEL_HEIGHT;
        let middle = WIDTH / 2 - 100..WIDTH / 2 + 100;
        let title = count(&rgb, WIDTH, top..top + 32, middle, is_dark);
        assert!(
            title > 30,
            "panel {k}: {title} dark pixels in the title strip"
        );
    }
    // Only the loss panel has a band (series 0, blue): a filled area there, and in the routing
    // panel only the few anti-aliased edge pixels of the blue line that happen to match the tint.
    let (rows, cols) = plot_area(0);
    let band = count(&rgb, WIDTH, rows, cols, is_tint_of(BLUE));
    assert!(band > 2000, "{band} band pixels in the loss panel");
    let (rows, cols) = plot_area(1);
    let band = count(&rgb, WIDTH, rows, cols, is_tint_of(BLUE));
    assert!(band < 200, "{band} band pixels in the routing panel");
}

#[test]
fn degenerate_data_is_drawn_without_failing() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let panels = [
        // NaN and infinite points among finite ones, and a lone point.
        Panel {
            title: "gaps".into(),
            series: vec![
                series(
                    "a",
                    vec![(0.0, 1.0), (1.0, nan), (2.0, inf), (3.0, 2.0), (nan, 5.0)],
                ),
                series("b", vec![(1.5, 1.5)]),
            ],
            ..Panel::default()
        },
        // A flat line, on a log axis, with non-positive values that the axis skips.
        Panel {
            title: "flat".into(),
            series: vec![series(
                "c",
                vec![(0.0, 3.0), (1.0, 0.0), (2.0, -1.0), (3.0, 3.0)],
            )],
            log_y: true,
            ..Panel::default()
        },
        // Nothing finite (and nothing positive for the log axis).
        Panel {
            title: "empty".into(),
            series: vec![
                series("d", vec![(nan, 1.0), (0.0, -inf), (1.0, -2.0)]),
                Series::default(),
            ],
            log_y: true,
            ..Panel::default()
        },
    ];
    let rgb = render_rgb(&panels, WIDTH, PANEL_HEIGHT).unwrap();
    let (rows, cols) = (45..PANEL_HEIGHT - 60, 100..WIDTH - 20);
    let a = count(&rgb, WIDTH, rows.clone(), cols.clone(), |p| p == BLUE);
    let b = count(&rgb, WIDTH, rows.clone(), cols.clone(), |p| p == ORANGE);
    assert!(
        a > 50 && b > 10,
        "gaps panel: {a} pixels of a, {b} of the lone point b"
    );
    let (rows, cols) = (PANEL_HEIGHT + 45..2 * PANEL_HEIGHT - 60, 100..WIDTH - 20);
    let c = count(&rgb, WIDTH, rows, cols, |p| p == BLUE);
    assert!(c > 50, "flat panel: {c} pixels of c");
    // The empty panel: no series colour anywhere, "no data" written in the middle.
    let top = 2 * PANEL_HEIGHT;
    let d = count(&rgb, WIDTH, top..top + PANEL_HEIGHT, 0..WIDTH, |p| {
        p == BLUE
    });
    assert_eq!(d, 0, "empty panel: pixels of d");
    let middle = top + PANEL_HEIGHT / 2;
    let note = count(
        &rgb,
        WIDTH,
        middle - 30..middle + 20,
        WIDTH / 3..2 * WIDTH / 3,
        is_dark,
    );
    assert!(
        note > 30,
        "empty panel: {note} dark pixels where \"no data\" goes"
    );
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_png_writes_a_png_of_the_right_size_and_nothing_else() {
    let dir = scratch_dir("plot-write");
    let path = dir.join("run.png");
    // Over an existing file, which the rename replaces.
    std::fs::write(&path, b"old").unwrap();
    write_png(&path, &[loss_panel(), routing_panel()], WIDTH, PANEL_HEIGHT).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    assert_eq!((be(16), be(20)), (WIDTH, 2 * PANEL_HEIGHT));
    assert_eq!(names_in(&dir), ["run.png"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_are_errors() {
    let panels = [routing_panel()];
    for (width, height) in [(0, PANEL_HEIGHT), (WIDTH, 0), (0, 0)] {
        let err = render_rgb(&panels, width, height).unwrap_err();
        assert!(err.to_string().contains("too small"), "{err}");
    }
    let err = render_rgb(&panels, 100_000, PANEL_HEIGHT).unwrap_err();
    assert!(err.to_string().contains("exceed"), "{err}");
    let err = render_rgb(&[], WIDTH, PANEL_HEIGHT).unwrap_err();
    assert!(err.to_string().contains("no panels"), "{err}");
    let huge = Panel {
        series: vec![series("x", vec![(0.0, -1e308), (1.0, 1e308)])],
        ..Panel::default()
    };
    let err = render_rgb(&[huge], WIDTH, PANEL_HEIGHT).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");

    let dir = scratch_dir("plot-errors");
    // A directory that does not exist, and a path that is a directory.
    let missing = dir.join("no-such-dir").join("run.png");
    let err = write_png(&missing, &panels, WIDTH, PANEL_HEIGHT).unwrap_err();
    assert!(
        err.to_string().contains(&missing.display().to_string()),
        "{err}"
    );
    let taken = dir.join("taken.png");
    std::fs::create_dir(&taken).unwrap();
    let err = write_png(&taken, &panels, WIDTH, PANEL_HEIGHT).unwrap_err();
    assert!(
        err.to_string().contains(&taken.display().to_string()),
        "{err}"
    );
    // Neither failure left a temporary file behind.
    assert_eq!(names_in(&dir), ["taken.png"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extreme_values_are_drawn_or_refused() {
    // Each as a line with a ±10% band, on a linear and on a log axis: tiny, subnormal and huge
    // values, ranges of 600 decades, near-equal values; plotters' tick arithmetic must neither
    // hang nor fail on any of them.
    let cases: [&[(f64, f64)]; 9] = [
        &[(0.0, 1e-310), (1.0, 1e-310)],
        &[(0.0, 1e-320), (1.0, 3e-320)],
        &[(0.0, 1e-300), (1.0, 1e300)],
        &[(0.0, 1.4e308), (1.0, 1.7e308)],
        &[(1.4e308, 1.0), (1.7e308, 2.0)],
        &[(-1e300, 1.0), (1e300, 2.0)],
        &[(0.0, -1e-300), (1.0, 1e-300)],
        &[(0.0, 0.3), (1.0, 0.30000000000000004)],
        &[(0.0, 3.5), (1.0, 3.9)],
    ];
    for points in cases {
        for log_y in [false, true] {
            let panel = Panel {
                title: "extreme".into(),
                series: vec![Series {
                    label: "s".into(),
                    points: points.to_vec(),
                    band: points.iter().map(|&(x, y)| (x, 0.9 * y, 1.1 * y)).collect(),
                }],
                log_y,
                ..Panel::default()
            };
            render_rgb(&[panel], WIDTH, PANEL_HEIGHT)
                .unwrap_or_else(|e| panic!("{points:?} log_y {log_y}: {e}"));
        }
    }
    // A linear axis whose padding would overflow f64 is refused; a log axis clamps and draws it.
    let max = Panel {
        series: vec![series("max", vec![(0.0, f64::MAX), (1.0, f64::MAX)])],
        ..Panel::default()
    };
    let err = render_rgb(std::slice::from_ref(&max), WIDTH, PANEL_HEIGHT).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
    let log_max = Panel { log_y: true, ..max };
    render_rgb(&[log_max], WIDTH, PANEL_HEIGHT).unwrap();
}

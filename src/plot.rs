//! PNG plots of training runs: one or more panels stacked vertically, each a line chart with a
//! title, axis labels, a light grid, a legend, one colour per series from a fixed palette, an
//! optional shaded band under each line (e.g. the spread over layers or seeds) and a linear or
//! logarithmic y axis.
//!
//! Axis ranges come from the finite data only: points with a NaN or infinite coordinate are
//! skipped (the line joins their neighbours), a log axis also skips non-positive values, a single
//! point or a flat line still gets a non-empty range, and a panel with nothing to show is drawn as
//! an empty frame that says "no data".
//!
//! Text uses DejaVu Sans Mono, bundled under `assets/fonts/` (licence beside it) and registered
//! with plotters' `ab_glyph` renderer, so plotting needs no system font or library.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::data::float::pretty_print_float;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{Error, Result};

/// One line of a panel; `band` (optional) is a shaded (x, low, high) spread drawn under it.
#[derive(Clone, Debug, Default)]
pub struct Series {
    /// The legend entry; an empty label leaves the series out of the legend.
    pub label: String,
    /// (x, y) in drawing order.
    pub points: Vec<(f64, f64)>,
    /// (x, low, high) in drawing order; empty for no band.
    pub band: Vec<(f64, f64, f64)>,
}

/// One chart: title, axis labels, its lines, optional log-scale y.
#[derive(Clone, Debug, Default)]
pub struct Panel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    /// A base-10 logarithmic y axis; non-positive values are not drawn.
    pub log_y: bool,
}

/// The family name the bundled font is registered under; every text below uses it.
const FONT_FAMILY: &str = "evomoe-dejavu-sans-mono";
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");

/// Series colours, in order (Tableau 10); the 11th series reuses the first colour.
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// Largest image side in pixels (an RGB image this size is 768 MiB).
const MAX_SIDE: u32 = 16384;
/// Smallest panel that fits the title, the tick labels and the axis labels around a plot area.
const MIN_WIDTH: u32 = 240;
const MIN_PANEL_HEIGHT: u32 = 160;

/// Font sizes in pixels.
const TITLE_PX: f64 = 20.0;
const LABEL_PX: f64 = 15.0;
const TICK_PX: f64 = 13.0;

/// Draws the panels stacked vertically (each `width x panel_height` pixels) into a PNG at `path`.
///
/// The image is written to a temporary file beside `path` and renamed over it, so an interrupted
/// run leaves either the old file or the new one, never half a PNG.
pub fn write_png(path: &Path, panels: &[Panel], width: u32, panel_height: u32) -> Result<()> {
    let size = image_size(panels, width, panel_height)?;
    let rgb = render_rgb(panels, width, panel_height)?;
    let tmp = temporary_path(path)?;
    let written = save_png(&tmp, &rgb, size).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|e| format!("renaming {}: {e}", tmp.display()))
    });
    written.map_err(|message| {
        // Best effort: the temporary file may not exist, and the first error is the one to report.
        let _ = std::fs::remove_file(&tmp);
        Error::Config(format!(
            "plot: could not write {}: {message}",
            path.display()
        ))
    })
}

/// The same into an RGB buffer (tests, and callers that encode themselves): row-major, top row
/// first, 3 bytes per pixel, `width * panel_height * panels.len()` pixels.
pub fn render_rgb(panels: &[Panel], width: u32, panel_height: u32) -> Result<Vec<u8>> {
    let (w, h) = image_size(panels, width, panel_height)?;
    register_font_once()?;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| plot_error("the background", e))?;
        for (area, panel) in root.split_evenly((panels.len(), 1)).iter().zip(panels) {
            draw_panel(area, panel)?;
        }
        root.present().map_err(|e| plot_error("the image", e))?;
    }
    Ok(rgb)
}

/// The whole image's (width, height), or why these arguments cannot make one.
fn image_size(panels: &[Panel], width: u32, panel_height: u32) -> Result<(u32, u32)> {
    if panels.is_empty() {
        return Err(Error::Config("plot: no panels to draw".into()));
    }
    if width < MIN_WIDTH || panel_height < MIN_PANEL_HEIGHT {
        return Err(Error::Config(format!(
            "plot: a panel of {width} x {panel_height} pixels is too small (at least \
             {MIN_WIDTH} x {MIN_PANEL_HEIGHT})"
        )));
    }
    let height = u32::try_from(panels.len())
        .ok()
        .and_then(|n| n.checked_mul(panel_height))
        .filter(|&h| h <= MAX_SIDE);
    match height {
        Some(height) if width <= MAX_SIDE => Ok((width, height)),
        _ => Err(Error::Config(format!(
            "plot: {} panels of {width} x {panel_height} pixels exceed {MAX_SIDE} pixels a side",
            panels.len()
        ))),
    }
}

/// Registers the bundled font with plotters, once per process.
fn register_font_once() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Config(
            "plot: the bundled font assets/fonts/DejaVuSansMono.ttf did not load".into(),
        ))
    }
}

/// The bundled font at `px` pixels.
fn font(px: f64) -> TextStyle<'static> {
    (FONT_FAMILY, px).into_font().into()
}

/// A plotters drawing error as the crate's error, naming what was being drawn.
fn plot_error<E: std::error::Error + Send + Sync>(what: &str, e: DrawingAreaErrorKind<E>) -> Error {
    Error::Config(format!("plot: drawing {what} failed: {e}"))
}

/// `dir/.name.<pid>.tmp.png` beside `dir/name` (the encoder picks the format by the extension).
fn temporary_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Config(format!("plot: {} does not name a file", path.display())))?;
    let tmp_name = format!(".{}.{}.tmp.png", name.to_string_lossy(), std::process::id());
    Ok(path.with_file_name(tmp_name))
}

/// Encodes `rgb` (`size` pixels) as a PNG at `path`; the error says why not.
fn save_png(path: &Path, rgb: &[u8], size: (u32, u32)) -> std::result::Result<(), String> {
    // Creating the file here first reports a bad directory or permission as the plain I/O error;
    // the encoder then overwrites the empty file.
    std::fs::File::create(path).map_err(|e| e.to_string())?;
    let mut backend = BitMapBackend::new(path, size);
    backend
        .blit_bitmap((0, 0), size, rgb)
        .and_then(|()| backend.present())
        .map_err(|e| e.to_string())
}

/// The y axis: linear, or base-10 logarithmic (a value is placed by its logarithm).
struct YAxis {
    /// In data units; both ends positive on a log axis.
    range: Range<f64>,
    log: bool,
}

impl YAxis {
    /// The coordinate the axis is linear in: log10(v) on a log axis, v otherwise.
    fn linear(&self, v: f64) -> f64 {
        if self.log {
            v.log10()
        } else {
            v
        }
    }

    /// Plotters' linear axis over the same span, in linear coordinates.
    fn linear_axis(&self) -> RangedCoordf64 {
        (self.linear(self.range.start)..self.linear(self.range.end)).into()
    }

    /// Ticks of a log axis at m * 10^e inside the range, m from the sparsest of {1}, {1, 2, 5},
    /// {1, 2, 3, 5}, {1, ..., 9} that gives 3 ticks (the densest within `max` for the light
    /// grid); over many decades, one tick every few decades.
    fn log_key_points(&self, max: usize, dense: bool) -> Vec<f64> {
        const MANTISSAS: [&[f64]; 4] = [
            &[1.0],
            &[1.0, 2.0, 5.0],
            &[1.0, 2.0, 3.0, 5.0],
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
        ];
        let Range { start, end } = self.range;
        let first = start.log10().floor() as i32;
        let last = end.log10().ceil() as i32;
        // A tick every `stride` decades (then only at m = 1) when 1, 10, 100, ... are too many.
        let stride = ((last - first) as usize).div_ceil(max.max(1)).max(1);
        let mut chosen = Vec::new();
        for mantissas in MANTISSAS {
            let ticks: Vec<f64> = (first..=last)
                .step_by(stride)
                .flat_map(|e| mantissas.iter().map(move |m| m * 10f64.powi(e)))
                .filter(|v| (start..=end).contains(v))
                .collect();
            if ticks.len() > max {
                break;
            }
            chosen = ticks;
            if stride > 1 || (!dense && chosen.len() >= 3) {
                break;
            }
        }
        chosen
    }
}

impl Ranged for YAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear_axis().map(&self.linear(*value), limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let Range { start, end } = self.range;
        if !self.log {
            return RangedCoordf64::from(start..end).key_points(hint);
        }
        let ticks = self.log_key_points(hint.max_num_points(), hint.weight().allow_light_points());
        if ticks.len() >= 2 || end / start > 100.0 {
            return ticks;
        }
        // Within about a decade linear ticks read better (3.5, 4, 4.5 rather than a lone 4). They
        // are computed in units of the decade's start, so that plotters' arithmetic stays far from
        // the limits of f64 whatever the decade.
        let unit = 10f64.powi(start.log10().floor() as i32);
        RangedCoordf64::from(start / unit..end / unit)
            .key_points(hint)
            .into_iter()
            .map(|v| v * unit)
            .collect()
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// A series' points that the axes can show: finite, and positive y on a log axis.
fn visible_points(series: &Series, log_y: bool) -> Vec<(f64, f64)> {
    series
        .points
        .iter()
        .copied()
        .filter(|&(x, y)| x.is_finite() && y.is_finite() && (!log_y || y > 0.0))
        .collect()
}

/// A series' band rows that the axes can show: finite, and a positive high on a log axis (a
/// non-positive low is drawn at the bottom of the axis).
fn visible_band(series: &Series, log_y: bool) -> Vec<(f64, f64, f64)> {
    series
        .band
        .iter()
        .copied()
        .filter(|&(x, lo, hi)| {
            x.is_finite() && lo.is_finite() && hi.is_finite() && (!log_y || hi > 0.0)
        })
        .collect()
}

/// The smallest range holding `values`, None if empty.
fn span(values: impl Iterator<Item = f64>) -> Option<Range<f64>> {
    values.fold(None, |r, v| match r {
        None => Some(v..v),
        Some(r) => Some(r.start.min(v)..r.end.max(v)),
    })
}

/// `r` widened by 5% each side; a single value gets ±5% of itself (±1 at zero). None when the
/// result overflows.
fn padded(r: Range<f64>) -> Option<Range<f64>> {
    let width = r.end - r.start;
    let pad = if width > 0.0 {
        0.05 * width
    } else if r.start == 0.0 {
        1.0
    } else {
        (0.05 * r.start.abs()).max(f64::MIN_POSITIVE)
    };
    let padded = (r.start - pad)..(r.end + pad);
    (padded.start.is_finite() && padded.end.is_finite() && padded.start < padded.end)
        .then_some(padded)
}

/// The panel's (x, y) axis ranges from its visible data, None when it has none. A log y range is
/// padded in log10 units (a flat line gets ±0.02 decade); a linear range that overflows f64 is an
/// error.
fn axis_ranges(panel: &Panel) -> Result<Option<(Range<f64>, YAxis)>> {
    let log = panel.log_y;
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for series in &panel.series {
        for (x, y) in visible_points(series, log) {
            xs.push(x);
            ys.push(y);
        }
        for (x, lo, hi) in visible_band(series, log) {
            xs.push(x);
            ys.push(hi);
            if !log || lo > 0.0 {
                ys.push(lo);
            }
        }
    }
    let (Some(x), Some(y)) = (span(xs.into_iter()), span(ys.into_iter())) else {
        return Ok(None);
    };
    let too_large = || {
        Error::Config(format!(
            "plot: panel `{}` has values too large to plot",
            panel.title
        ))
    };
    let x = padded(x).ok_or_else(too_large)?;
    let y = if log {
        // In decades: 5% each side, at least ±0.02 decade (±5%), inside what f64 holds.
        let (lo, hi) = (y.start.log10(), y.end.log10());
        let middle = 0.5 * (lo + hi);
        let half = (0.55 * (hi - lo)).max(0.02);
        let start = (middle - half).max(f64::MIN_POSITIVE.log10());
        let end = (middle + half).min(f64::MAX.log10());
        10f64.powf(start)..10f64.powf(end)
    } else {
        padded(y).ok_or_else(too_large)?
    };
    Ok(Some((x, YAxis { range: y, log })))
}

/// The legend's corner: the one whose corner region of the plot area (40% of its width, 35% of
/// its height) holds the fewest data points, preferring upper right, upper left, lower right,
/// lower left on a tie.
fn legend_corner(panel: &Panel, x: &Range<f64>, y: &YAxis) -> SeriesLabelPosition {
    let (y_start, y_end) = (y.linear(y.range.start), y.linear(y.range.end));
    let mut counts = [0usize; 4];
    for series in &panel.series {
        let band = visible_band(series, panel.log_y)
            .into_iter()
            .flat_map(|(bx, lo, hi)| [(bx, lo), (bx, hi)]);
        for (px, py) in visible_points(series, panel.log_y).into_iter().chain(band) {
            // Where the point lies across the plot area, 0 at the left/bottom, 1 at the right/top.
            let fx = (px - x.start) / (x.end - x.start);
            let fy = (y.linear(py) - y_start) / (y_end - y_start);
            let (left, right) = (fx < 0.4, fx > 0.6);
            let (lower, upper) = (fy < 0.35, fy > 0.65);
            counts[0] += usize::from(upper && right);
            counts[1] += usize::from(upper && left);
            counts[2] += usize::from(lower && right);
            counts[3] += usize::from(lower && left);
        }
    }
    let corners = [
        SeriesLabelPosition::UpperRight,
        SeriesLabelPosition::UpperLeft,
        SeriesLabelPosition::LowerRight,
        SeriesLabelPosition::LowerLeft,
    ];
    // min_by_key keeps the first of equal counts.
    let best = (0..4).min_by_key(|&i| counts[i]).unwrap_or(0);
    corners[best].clone()
}

/// A tick label: the shortest decimal that names the value, scientific when that is shorter.
fn tick_label(v: &f64) -> String {
    pretty_print_float(*v, true)
}

/// Draws one panel into `area`.
fn draw_panel(area: &DrawingArea<BitMapBackend, Shift>, panel: &Panel) -> Result<()> {
    let what = format!("panel `{}`", panel.title);
    let fail = |e| plot_error(&what, e);
    let ranges = axis_ranges(panel)?;
    let has_data = ranges.is_some();
    let (x_range, y_axis) = ranges.unwrap_or((
        0.0..1.0,
        YAxis {
            range: 0.0..1.0,
            log: false,
        },
    ));
    let y_start = y_axis.range.start;
    let corner = legend_corner(panel, &x_range, &y_axis);

    let (width, height) = area.dim_in_pixel();
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .caption(&panel.title, font(TITLE_PX))
        .x_label_area_size(45)
        .y_label_area_size(80)
        .build_cartesian_2d(x_range, y_axis)
        .map_err(fail)?;

    let mut mesh = chart.configure_mesh();
    mesh.x_desc(&panel.x_label)
        .y_desc(&panel.y_label)
        .label_style(font(TICK_PX))
        .axis_desc_style(font(LABEL_PX))
        .x_label_formatter(&tick_label)
        .y_label_formatter(&tick_label)
        .x_labels((width / 90).max(2) as usize)
        .y_labels((height / 45).max(2) as usize)
        .max_light_lines(2);
    if !has_data {
        mesh.disable_mesh().x_labels(0).y_labels(0);
    }
    mesh.draw().map_err(fail)?;

    if !has_data {
        let note = font(LABEL_PX).pos(Pos::new(HPos::Center, VPos::Center));
        chart
            .draw_series(std::iter::once(Text::new("no data", (0.5, 0.5), note)))
            .map_err(fail)?;
        return Ok(());
    }

    // Bands first, so that no band covers another series' line.
    for (i, series) in panel.series.iter().enumerate() {
        let band = visible_band(series, panel.log_y);
        if band.len() < 2 {
            continue;
        }
        let colour = PALETTE[i % PALETTE.len()];
        let upper = band.iter().map(|&(x, _, hi)| (x, hi));
        let lower = band.iter().rev().map(|&(x, lo, _)| (x, lo.max(y_start)));
        let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                outline,
                colour.mix(0.2).filled(),
            )))
            .map_err(fail)?;
    }

    let mut legend = false;
    for (i, series) in panel.series.iter().enumerate() {
        let points = visible_points(series, panel.log_y);
        if points.is_empty() {
            continue;
        }
        let colour = PALETTE[i % PALETTE.len()];
        // A lone point is drawn as a dot, since a line through it has no length.
        let dot = if points.len() == 1 { 3 } else { 0 };
        let drawn = chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)).point_size(dot))
            .map_err(fail)?;
        if !series.label.is_empty() {
            drawn.label(&series.label).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
            });
            legend = true;
        }
    }
    if legend {
        chart
            .configure_series_labels()
            .position(corner)
            .label_font(font(TICK_PX))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(fail)?;
    }
    Ok(())
}

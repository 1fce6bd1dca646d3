//! The crate-wide error type. Every fallible public function returns [`Result`]; panics are kept
//! for broken internal invariants only.

/// How to get a GPU adapter on a machine without one; repeated wherever an adapter is missing.
pub const INSTALL_HINT: &str = "on Debian/Ubuntu without a GPU install Mesa's software Vulkan \
driver with `apt-get install mesa-vulkan-drivers` (lavapipe); on a machine with a GPU install its \
Vulkan, Metal or DX12 driver. Select an adapter with WGPU_BACKEND=vulkan|gl|metal|dx12 and \
WGPU_ADAPTER_NAME=<substring>";

/// Everything that can go wrong in evomoe.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No usable adapter at all (or none of the backends a test run expects).
    #[error("no GPU adapter found ({0}); {hint}", hint = INSTALL_HINT)]
    NoAdapter(String),
    /// A backend name in `--backend` or `WGPU_BACKEND` that is not one of `backend_names` (the
    /// GPU layer's list of the names it accepts).
    #[error(
        "unknown backend `{name}` in {from}; the valid names are {backend_names} \
         (comma separated for several)"
    )]
    UnknownBackend {
        name: String,
        from: String,
        backend_names: &'static str,
    },
    /// Adapters exist, but none matches the backend and name filters; `present` lists them.
    #[error(
        "no adapter matches {filters}; the adapters present are {present}; pick one with \
         --backend or WGPU_BACKEND ({backend_names}) and --adapter or WGPU_ADAPTER_NAME \
         (part of its name, any case)"
    )]
    NoMatchingAdapter {
        filters: String,
        present: String,
        backend_names: &'static str,
    },
    /// A browser without a WebGPU adapter to give (or with WebGPU turned off).
    #[error(
        "this browser offers no WebGPU adapter ({0}); use a browser with WebGPU (Chrome or Edge \
         113+, Firefox 141+, Safari 26+) and WebGPU turned on, on a page served from localhost or \
         https"
    )]
    NoWebGpu(String),
    /// The adapter refused to create a device.
    #[error("could not open the device on {adapter}: {message}")]
    Device { adapter: String, message: String },
    /// Tensor shapes do not fit the operation.
    #[error("shape mismatch in {op}: {message}")]
    Shape { op: String, message: String },
    /// A buffer or dispatch exceeds one of the adapter's limits.
    #[error("{what} needs {needed} but the adapter allows {allowed} ({limit})")]
    Limit {
        what: String,
        needed: u64,
        allowed: u64,
        limit: &'static str,
    },
    /// A shader failed naga validation or pipeline creation.
    #[error("shader `{shader}` entry `{entry}`: {message}")]
    Shader {
        shader: String,
        entry: String,
        message: String,
    },
    /// wgpu reported a validation or out-of-memory error inside an error scope.
    #[error("wgpu error during {context}: {message}")]
    Wgpu { context: String, message: String },
    /// A buffer could not be mapped for reading.
    #[error("buffer readback failed: {0}")]
    Readback(String),
    /// A computed array differs from its reference: elements outside the tolerance
    /// ([`crate::testing::check_close`]) or, for an exact comparison
    /// ([`crate::testing::check_equal`], [`crate::testing::check_bits`]), any that differ.
    /// `differing` of `len` elements do; `index` is the one named (the worst, or the first for an
    /// exact comparison) with its value and the reference's; `off_by` says how far off the worst
    /// is and the tolerance it breaks (`None` for an exact comparison).
    #[error("{what}: {differing} of {len} elements differ; {}", named_element(*.index, .got, .want, .off_by))]
    Mismatch {
        what: String,
        differing: usize,
        len: usize,
        index: usize,
        got: String,
        want: String,
        off_by: Option<String>,
    },
    /// Bad user input: a configuration value, a command-line argument, a file.
    #[error("{0}")]
    Config(String),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// `Result` with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Shorthand for a [`Error::Shape`].
    pub fn shape(op: &str, message: impl Into<String>) -> Self {
        Error::Shape {
            op: op.to_string(),
            message: message.into(),
        }
    }
}

/// The end of an [`Error::Mismatch`] line: the element it names and, for a comparison within a
/// tolerance, how far off it is.
fn named_element(index: usize, got: &str, want: &str, off_by: &Option<String>) -> String {
    match off_by {
        Some(off_by) => format!("worst at {index}: got {got}, want {want} ({off_by})"),
        None => format!("first at {index}: got {got}, want {want}"),
    }
}

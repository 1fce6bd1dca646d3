//! Choosing an adapter: a backend name that does not exist and filters that match nothing are
//! errors that say what is wrong and list what there is (never the driver install hint, which is
//! for machines with no adapter at all); a filter that matches opens that adapter.
//!
//! The options are always set explicitly, so `WGPU_BACKEND` / `WGPU_ADAPTER_NAME` in the
//! environment do not change what is tested. These tests need at least one adapter (the
//! software lavapipe/llvmpipe ones are enough).

use evomoe::gpu::context::{matching_adapters, AdapterOptions, BACKEND_NAMES};
use evomoe::{Error, Gpu};

/// Every backend name, so that the environment does not restrict the listing.
const ALL_BACKENDS: &str = "vulkan,metal,dx12,gl";

/// The adapters present on every backend, as `(name, backend)`.
fn present() -> Vec<(String, String)> {
    let opts = AdapterOptions {
        backend: Some(ALL_BACKENDS.to_string()),
        name: None,
    };
    let adapters = matching_adapters(&opts).expect("these tests need at least one adapter");
    adapters
        .iter()
        .map(|a| {
            let i = a.get_info();
            (i.name.clone(), i.backend.to_str().to_string())
        })
        .collect()
}

/// The message of the error `Gpu::new` returns for `backend` and `name`; panics if it opens.
fn open_error(backend: Option<&str>, name: Option<&str>) -> Error {
    let opts = AdapterOptions {
        backend: backend.map(str::to_string),
        name: name.map(str::to_string),
    };
    match pollster::block_on(Gpu::new(&opts)) {
        Ok(gpu) => panic!("{backend:?} / {name:?} opened {}", gpu.name()),
        Err(e) => e,
    }
}

/// One line, no driver install hint, no Debug-printed wgpu bitflags.
fn assert_plain(message: &str) {
    assert!(!message.contains('\n'), "more than one line: {message}");
    assert!(!message.contains("apt-get"), "install hint: {message}");
    assert!(!message.contains("Backends("), "Debug bitflags: {message}");
}

#[test]
fn unknown_backend_names_it_and_lists_the_valid_names() {
    // "vulkan,vulkn": one bad name in a list is an error too, not silently dropped.
    for (list, bad) in [
        ("vulkn", "vulkn"),
        ("vulkan,vulkn", "vulkn"),
        ("GL, cuda", "cuda"),
    ] {
        let err = open_error(Some(list), None);
        let message = err.to_string();
        eprintln!("--backend {list}: {message}");
        assert!(
            matches!(&err, Error::UnknownBackend { name, .. } if name == bad),
            "wrong error for {list}: {message}"
        );
        assert!(message.contains(&format!("`{bad}`")), "{message}");
        assert!(message.contains("--backend"), "{message}");
        assert!(message.contains("vulkan, metal, dx12, gl"), "{message}");
        assert_plain(&message);
    }
}

#[test]
fn wgpu_aliases_and_any_case_are_valid_backend_names() {
    let present = present();
    let (_, backend) = &present[0];
    let alias = match backend.as_str() {
        "vulkan" => "VK",
        "metal" => "Mtl",
        "dx12" => "D3D12",
        _ => "gles",
    };
    let gpu = pollster::block_on(Gpu::new(&AdapterOptions {
        backend: Some(alias.to_string()),
        name: None,
    }))
    .unwrap_or_else(|e| panic!("--backend {alias}: {e}"));
    assert_eq!(gpu.info.backend.to_str(), backend);
}

#[test]
fn name_filter_matching_nothing_lists_the_adapters_present() {
    let err = open_error(None, Some("no-such-adapter-xyz"));
    let message = err.to_string();
    eprintln!("{message}");
    assert!(
        matches!(err, Error::NoMatchingAdapter { .. }),
        "wrong error: {message}"
    );
    assert!(
        message.contains("--adapter \"no-such-adapter-xyz\""),
        "{message}"
    );
    for (name, backend) in present() {
        assert!(
            message.contains(&format!("\"{name}\" ({backend}, ")),
            "{name} on {backend} not listed: {message}"
        );
    }
    for how in [
        "--backend",
        "--adapter",
        "WGPU_BACKEND",
        "WGPU_ADAPTER_NAME",
    ] {
        assert!(message.contains(how), "does not mention {how}: {message}");
    }
    assert_plain(&message);
}

#[test]
fn backend_with_no_adapter_lists_the_adapters_present() {
    let present = present();
    let Some(missing) = BACKEND_NAMES
        .split(", ")
        .find(|b| present.iter().all(|(_, backend)| backend != b))
    else {
        eprintln!("every backend has an adapter here; nothing to test");
        return;
    };
    let err = open_error(Some(missing), None);
    let message = err.to_string();
    eprintln!("--backend {missing}: {message}");
    assert!(
        matches!(err, Error::NoMatchingAdapter { .. }),
        "wrong error: {message}"
    );
    assert!(
        message.contains(&format!("--backend {missing};")),
        "{message}"
    );
    for (name, backend) in &present {
        assert!(
            message.contains(&format!("\"{name}\" ({backend}, ")),
            "{name} on {backend} not listed: {message}"
        );
    }
    assert_plain(&message);
}

#[test]
fn a_matching_filter_opens_that_adapter() {
    // Each adapter by its backend and its name in upper case (the filter ignores case). Where two
    // backends have adapters of the same name (lavapipe and llvmpipe), the backend decides.
    for (name, backend) in present() {
        let opts = AdapterOptions {
            backend: Some(backend.clone()),
            name: Some(name.to_uppercase()),
        };
        let gpu =
            pollster::block_on(Gpu::new(&opts)).unwrap_or_else(|e| panic!("{backend}/{name}: {e}"));
        eprintln!(
            "--backend {backend} --adapter {name:?}: opened {}",
            gpu.name()
        );
        assert_eq!(gpu.info.backend.to_str(), backend);
        assert_eq!(gpu.info.name, name);
    }
}

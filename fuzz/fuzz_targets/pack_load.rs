//! libFuzzer entry point; the check is `rehearse_fuzz::pack_load` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rehearse_fuzz::pack_load(data));

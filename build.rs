//! Turns the readable data files in `data/` into JSON the engine embeds.
//!
//! The registry and keyword lists are TOML so people can read, comment and review them.
//! Parsing TOML inside the WebAssembly module would cost ~150 KB of code and start-up time,
//! so the build does it once: every `data/**/*.toml` becomes `$OUT_DIR/<path with / as ->.json`.
//! A malformed data file fails the build with the file name and TOML's own message.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=data");
    let mut stack = vec![Path::new("data").to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                println!("cargo:rerun-if-changed={}", path.display());
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let value: toml::Value = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
            let rel = path.strip_prefix("data").unwrap().with_extension("json");
            let name = rel.to_string_lossy().replace(['/', '\\'], "-");
            let json = serde_json::to_string(&value).expect("TOML values are JSON-representable");
            fs::write(Path::new(&out).join(name), json).expect("OUT_DIR is writable");
        }
    }
}

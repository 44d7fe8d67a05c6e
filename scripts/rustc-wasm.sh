#!/bin/sh
# rustc for the WebAssembly build (scripts/build.sh sets it as cargo's RUSTC_WRAPPER): cargo calls
# it as `rustc-wasm.sh RUSTC ARGS...`. A compile for wasm32 gets -Zlocation-detail=none, which
# drops the file, line and column that every possible panic (each bounds check, each `expect`)
# carried into the module: 14 KB raw and 7 KB by gzip -9 (docs/performance.md, "Panic
# locations"). The engine answers bad input with errors and never panics on purpose, so no
# message a seller could see loses anything. It also gets -Zfmt-debug=none: every `{:?}` prints
# nothing, so no `Debug` code is linked (against `shallow`, which kept str's and the derived
# impls' type names: -2.1 KB by gzip -9, -1.6 KB by Node's zlib). The one `{:?}` a seller could
# read, the bad value a settings error quotes ("not a domain!"), is written by config.rs's
# `Quoted`, which a test holds to `{:?}`; the lexicon's own errors, which only a broken build can
# raise (the native tests would fail first), lose their quoted names. The flags are unstable,
# hence RUSTC_BOOTSTRAP, set
# here for the wasm compiles alone: set for the whole build it would reach the host's build
# scripts, and proc-macro2's, which watches it, would make every native build after a wasm one
# start again from syn up. Every other compile runs as it is.
rustc="$1"
shift
case " $* " in
  *" --target wasm32-unknown-unknown "*) RUSTC_BOOTSTRAP=1 exec "$rustc" "$@" -Zlocation-detail=none -Zfmt-debug=none ;;
esac
exec "$rustc" "$@"

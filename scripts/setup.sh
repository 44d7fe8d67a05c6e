#!/usr/bin/env bash
# Installs everything SellerShield's build, tests and demo need on a Debian machine.
#
# Idempotent and quick when everything is there: each tool is checked by *version* (not just
# presence) and only what is missing or wrong is installed. Safe to run concurrently (a lock
# under target/ serialises runs) and without a terminal (CI runs it as root with no stdin).
#
# What it ensures:
#   - Debian packages: chromium, chromium-driver, zip, openssl (one `apt-get update`, only when
#     something is missing);
#   - a Rust toolchain that can build wasm32-unknown-unknown, by one of two routes:
#       rustup  `rustup target add wasm32-unknown-unknown` (proved by compiling a tiny crate);
#       debian  rustc-web cargo-web rust-web-src lld-19: std is built from source with
#               RUSTC_BOOTSTRAP=1 + -Zbuild-std and linked with wasm-ld-19 (see
#               /work/shared/DESIGN.md); used when rustup cannot add the target;
#     the choice is written to target/sellershield-toolchain.env, which build.sh sources;
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (the CLI and the
#     library must match or the generated glue is refused), and wasm-pack;
#   - node_modules from package-lock.json (`npm ci` when missing or stale).
#
# Environment:
#   SELLERSHIELD_WASM_ROUTE=rustup|debian   force a route (default: detect)
#   SELLERSHIELD_SETUP_QUIET=1              print only what was installed
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_PACK_VERSION=0.15.1
WASM_PACK_MIN=0.13.0
# import.meta.dirname (the tests use it) arrived in 20.11.
NODE_MIN=20.11.0
STATE="$ROOT/target/sellershield-toolchain.env"
export DEBIAN_FRONTEND=noninteractive
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { [[ "${SELLERSHIELD_SETUP_QUIET:-}" == 1 ]] || echo "setup: $*"; }
act() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

# version_ge A B: true when dotted version A >= B.
version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }

SUDO=()
[[ $(id -u) -ne 0 ]] && SUDO=(sudo -n)

mkdir -p "$ROOT/target"
exec 9>"$ROOT/target/.sellershield-setup.lock"
if ! flock -n 9; then
  say "another setup is running; waiting for it"
  flock 9
fi

# --- Debian packages ------------------------------------------------------------------------

APT_UPDATED=0
deb_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }
apt_install() {
  local missing=()
  for p in "$@"; do deb_installed "$p" || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ ${#SUDO[@]} -gt 0 ]] && ! command -v sudo >/dev/null; then
    die "${missing[*]} must be installed, and this is neither root nor has sudo"
  fi
  if [[ $APT_UPDATED -eq 0 ]]; then
    act "apt-get update"
    "${SUDO[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  act "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

apt_install chromium chromium-driver zip openssl ca-certificates
command -v cc >/dev/null || apt_install gcc libc6-dev
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing after installing the chromium package"
say "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"

# --- Node -----------------------------------------------------------------------------------

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
NODE_VERSION="$(node -p process.versions.node 2>/dev/null || echo 0)"
if ! version_ge "$NODE_VERSION" "$NODE_MIN"; then
  # Debian 12's own nodejs is 18; Node 20+ comes from NodeSource or a newer Debian.
  echo "setup: warning: node $NODE_VERSION is older than $NODE_MIN, which the tests need" >&2
fi

# npm ci when node_modules does not come from the committed lockfile.
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
STAMP="node_modules/.sellershield-lock.sha256"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$LOCK_SUM" ]]; then
  act "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$LOCK_SUM" >"$STAMP"
else
  say "node_modules: up to date with package-lock.json"
fi

# --- Rust: a toolchain that builds wasm32-unknown-unknown ------------------------------------

PROBE_DIR="$ROOT/target/wasm-probe"

# A tiny crate that needs std's allocator and formatting: if it links, std for wasm32 is there.
write_probe() {
  mkdir -p "$PROBE_DIR/src"
  cat >"$PROBE_DIR/Cargo.toml" <<'EOF'
[package]
name = "wasm-probe"
version = "0.0.0"
edition = "2021"
publish = false
[lib]
crate-type = ["cdylib"]
path = "src/lib.rs"
[workspace]
EOF
  cat >"$PROBE_DIR/src/lib.rs" <<'EOF'
#[no_mangle]
pub extern "C" fn probe(n: u32) -> u32 {
    format!("{n}{}", String::from("x").repeat(n as usize)).len() as u32
}
EOF
}

probe_rustup() {
  command -v rustup >/dev/null || return 1
  write_probe
  rustc --edition 2021 --crate-type cdylib --target wasm32-unknown-unknown -O \
    -o "$PROBE_DIR/probe.wasm" "$PROBE_DIR/src/lib.rs" >"$PROBE_DIR/rustup.log" 2>&1
}

debian_env() {
  export PATH="/usr/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
}

probe_debian() {
  write_probe
  (
    debian_env
    cargo build --quiet --release --target wasm32-unknown-unknown \
      --manifest-path "$PROBE_DIR/Cargo.toml" --target-dir "$PROBE_DIR/target"
  ) >"$PROBE_DIR/debian.log" 2>&1
}

toolchain_key() {
  case "$1" in
    rustup) echo "rustup $(rustc -V 2>/dev/null)" ;;
    debian) echo "debian $(/usr/bin/rustc -V 2>/dev/null) $(/usr/bin/cargo -V 2>/dev/null)" ;;
  esac
}

ROUTE=""
if [[ -f "$STATE" ]]; then
  # shellcheck disable=SC1090
  OLD_ROUTE="$(. "$STATE"; echo "${SS_WASM_ROUTE:-}")"
  OLD_KEY="$(. "$STATE"; echo "${SS_TOOLCHAIN_KEY:-}")"
  if [[ -n "$OLD_ROUTE" && ( -z "${SELLERSHIELD_WASM_ROUTE:-}" || "$SELLERSHIELD_WASM_ROUTE" == "$OLD_ROUTE" ) \
        && "$OLD_KEY" == "$(toolchain_key "$OLD_ROUTE")" ]]; then
    # The rustup probe costs a fraction of a second, so it is re-run (a removed target shows
    # here, not as a confusing build error); the Debian probe builds std, so it is trusted.
    if [[ "$OLD_ROUTE" == debian ]] || probe_rustup; then
      ROUTE="$OLD_ROUTE"
      say "wasm toolchain: $ROUTE route ($OLD_KEY)"
    fi
  fi
fi

if [[ -z "$ROUTE" && "${SELLERSHIELD_WASM_ROUTE:-rustup}" == rustup ]]; then
  if command -v rustup >/dev/null; then
    if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
      act "rustup target add wasm32-unknown-unknown"
      timeout 180 rustup target add wasm32-unknown-unknown </dev/null || echo "setup: rustup could not add the target" >&2
    fi
    if probe_rustup; then
      ROUTE=rustup
      act "wasm toolchain: rustup route ($(rustc -V))"
    else
      echo "setup: rustup cannot build wasm32 (see $PROBE_DIR/rustup.log)" >&2
    fi
  else
    say "no rustup on this machine"
  fi
  if [[ -z "$ROUTE" && "${SELLERSHIELD_WASM_ROUTE:-}" == rustup ]]; then
    die "SELLERSHIELD_WASM_ROUTE=rustup but rustup cannot build wasm32-unknown-unknown"
  fi
fi

if [[ -z "$ROUTE" ]]; then
  apt_install rustc-web cargo-web rust-web-src lld-19
  act "proving the Debian route (std for wasm32 is built from source; takes a minute)"
  probe_debian || die "the Debian route cannot build wasm32 either (see $PROBE_DIR/debian.log)"
  ROUTE=debian
  act "wasm toolchain: debian route ($(/usr/bin/rustc -V))"
fi

cat >"$STATE.tmp" <<EOF
# Written by scripts/setup.sh: how this machine builds wasm32-unknown-unknown.
SS_WASM_ROUTE=$ROUTE
SS_TOOLCHAIN_KEY="$(toolchain_key "$ROUTE")"
EOF
mv "$STATE.tmp" "$STATE"

# The cargo that installs host tools: rustup's when it exists, else Debian's.
if command -v cargo >/dev/null; then
  HOST_CARGO=(cargo)
elif [[ -x /usr/bin/cargo ]]; then
  HOST_CARGO=(/usr/bin/cargo)
else
  apt_install rustc-web cargo-web
  HOST_CARGO=(/usr/bin/cargo)
fi

# Waits for a `cargo install` of $1 someone else started, so two builds do not race.
wait_for_other_install() {
  local waited=0
  while pgrep -f "cargo install $1" >/dev/null 2>&1; do
    (( waited == 0 )) && say "waiting for another 'cargo install $1' to finish"
    waited=1
    sleep 5
  done
}

# --- wasm-bindgen-cli: exactly the library's version ------------------------------------------

WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[[ -n "$WBG_VERSION" ]] || die "cannot find wasm-bindgen's version in Cargo.lock"
wbg_current() { wasm-bindgen --version 2>/dev/null | awk '{print $2}'; }
if [[ "$(wbg_current)" != "$WBG_VERSION" ]]; then
  wait_for_other_install wasm-bindgen-cli
fi
if [[ "$(wbg_current)" != "$WBG_VERSION" ]]; then
  # Not --locked: the CLI's own lockfile pins a webpki-roots version yanked from the index.
  act "cargo install wasm-bindgen-cli --version $WBG_VERSION (was: $(wbg_current || true))"
  "${HOST_CARGO[@]}" install --quiet --force wasm-bindgen-cli --version "$WBG_VERSION" </dev/null
  [[ "$(wbg_current)" == "$WBG_VERSION" ]] || die "wasm-bindgen $WBG_VERSION not on PATH after installing it"
else
  say "wasm-bindgen: $WBG_VERSION (matches Cargo.lock)"
fi

# --- wasm-pack --------------------------------------------------------------------------------

wp_current() { wasm-pack --version 2>/dev/null | awk '{print $2}'; }
if ! version_ge "$(wp_current || echo 0)" "$WASM_PACK_MIN"; then
  wait_for_other_install wasm-pack
fi
if ! version_ge "$(wp_current || echo 0)" "$WASM_PACK_MIN"; then
  act "cargo install wasm-pack --version $WASM_PACK_VERSION"
  "${HOST_CARGO[@]}" install --quiet --force wasm-pack --version "$WASM_PACK_VERSION" </dev/null
  version_ge "$(wp_current || echo 0)" "$WASM_PACK_MIN" || die "wasm-pack not on PATH after installing it"
else
  say "wasm-pack: $(wp_current)"
fi

say "done (wasm route: $ROUTE)"

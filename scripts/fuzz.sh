#!/usr/bin/env bash
# Fuzzes every engine entry point with cargo-fuzz (libFuzzer), one target after another.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs default to every fuzz/fuzz_targets/*.rs. Installs
# cargo-fuzz when missing (needs the nightly toolchain), writes the seed corpora and
# dictionaries from tests/fixtures (fuzz/seed_corpus.py), then runs each target with its
# corpus and dictionary. A panic, a broken invariant, an input that takes longer than
# FUZZ_TIMEOUT seconds (default 10: an infinite loop or a blow-up) or more than FUZZ_RSS_MB of
# memory (default 2048) is a crash: libFuzzer saves the input under fuzz/artifacts/<target>/
# and the script goes on with the next target. Logs: out/fuzz-logs/<target>.log.
#
# Reproduce one crash:   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
# Shrink it:             cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/<file>
#
# Exit status: 0 when no target crashed, 1 when one did, 2 on a setup error. Too slow for CI:
# scripts/test.sh does not run it (the property tests in tests/properties.rs are the quick
# version of the same promise).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SECONDS_EACH="${1:-60}"
if ! [[ "$SECONDS_EACH" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
shift $(( $# > 0 ? 1 : 0 ))
TIMEOUT="${FUZZ_TIMEOUT:-10}"
RSS_MB="${FUZZ_RSS_MB:-2048}"

TARGETS=("$@")
if [[ ${#TARGETS[@]} -eq 0 ]]; then
  for f in fuzz/fuzz_targets/*.rs; do TARGETS+=("$(basename "$f" .rs)"); done
fi

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "=== installing cargo-fuzz"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz || { echo "fuzz.sh: cannot install cargo-fuzz" >&2; exit 2; }
fi

python3 fuzz/seed_corpus.py || { echo "fuzz.sh: seeding the corpora failed" >&2; exit 2; }

echo "=== building the fuzz targets"
cargo +nightly fuzz build || { echo "fuzz.sh: the fuzz build failed" >&2; exit 2; }

LOGS="$ROOT/out/fuzz-logs"
mkdir -p "$LOGS"
FAILED=()
declare -A EXECS STATUS

# Inputs as long as a real message or page: blow-ups only show on long input.
max_len() {
  case "$1" in
    check_url) echo 8192 ;;
    config | password) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

for t in "${TARGETS[@]}"; do
  if [[ ! -f "fuzz/fuzz_targets/$t.rs" ]]; then
    echo "fuzz.sh: no target $t" >&2
    FAILED+=("$t")
    STATUS[$t]="no such target"
    continue
  fi
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  args=(-max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -max_len="$(max_len "$t")" -print_final_stats=1)
  [[ -f "fuzz/dict/$t.dict" ]] && args+=(-dict="fuzz/dict/$t.dict")
  echo
  echo "=== $t (${SECONDS_EACH}s)"
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- "${args[@]}" >"$LOGS/$t.log" 2>&1
  rc=$?
  EXECS[$t]="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$' | tail -1)"
  if [[ $rc -eq 0 ]]; then
    STATUS[$t]=ok
  else
    STATUS[$t]="CRASH (exit $rc): $(grep -m1 -E 'panicked at|ERROR: libFuzzer|==ERROR' "$LOGS/$t.log")"
    FAILED+=("$t")
    grep -E 'Test unit written to' "$LOGS/$t.log" | tail -1
  fi
  echo "--- $t: ${STATUS[$t]}, ${EXECS[$t]:-?} execs"
done

echo
echo "=== summary (${SECONDS_EACH}s per target; logs: out/fuzz-logs/)"
for t in "${TARGETS[@]}"; do
  printf '  %-16s %12s execs  %s\n' "$t" "${EXECS[$t]:-?}" "${STATUS[$t]}"
done
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "crashed: ${FAILED[*]} (inputs in fuzz/artifacts/<target>/)"
  exit 1
fi
echo "no crashes"

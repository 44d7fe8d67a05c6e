// The one detection engine of the extension, hosted in the service worker.
//
// The WebAssembly module is instantiated once per service-worker life and an `Engine` is
// built from the seller's settings; it is rebuilt only when the part of the settings the
// engine reads changes (pausing a site or switching the language keeps it). The wasm bytes
// come from the extension package itself (chrome.runtime.getURL): the extension makes no
// other request. Settings that no longer validate (a platform removed in an upgrade, a
// domain the new engine refuses) are not allowed to break protection: the engine is built
// without the bad entries and the problems are reported to the options page.
//
// The module is fetched and compiled as soon as this file is evaluated, while the worker
// reads the settings, so a worker woken by an event waits for the slower of the two, not both.

import init, { Engine, validateConfig, version } from '../pkg/sellershield.js';
import { engineConfig, loadSettings } from './settings.js';

let wasm = null;
/**
 * Where the worker's start goes (for the benchmark, through ui:stats), in ms:
 *   wasmStartAtMs   worker start (its time origin) -> this file evaluated and the fetch started:
 *                   the browser starting the worker and loading its modules
 *   compileMs       fetch + compileStreaming of the module from the package (one step: the
 *                   bytes are compiled as they arrive)
 *   instantiateMs   instantiating the compiled module (the glue's init)
 *   (startMs, per engine) `new Engine(config)` alone: the message lexicon is not part of it
 *   (lexiconMs, per engine) the message lexicon's build, done on the first message need
 *                   (prepareMessages, when an inbox page starts, or else the first check);
 *                   null until then
 *   firstReadyAtMs  worker start -> the first engine ready: everything a woken worker makes
 *                   its first question wait for (the settings are read while the wasm loads)
 */
export const timing = { wasmStartAtMs: null, compileMs: 0, instantiateMs: 0, firstReadyAtMs: null };
let current = null; // { engine, settings, problems, startMs }

function loadWasm() {
  if (!wasm) {
    const t0 = performance.now();
    if (timing.wasmStartAtMs === null) timing.wasmStartAtMs = t0;
    wasm = WebAssembly.compileStreaming(fetch(chrome.runtime.getURL('pkg/sellershield_bg.wasm')))
      .then((module) => {
        const t1 = performance.now();
        timing.compileMs = t1 - t0;
        return init({ module_or_path: module }).then((m) => {
          timing.instantiateMs = performance.now() - t1;
          return m;
        });
      })
      .catch((e) => {
        wasm = null; // let the next question try again
        throw e;
      });
  }
  return wasm;
}

loadWasm().catch((e) => console.error('SellerShield wasm', e));

const configKey = (settings) => JSON.stringify(engineConfig(settings));

/**
 * Drops the entries of a config the engine refuses, one by one, so one bad domain does not
 * switch off protection. Returns the clean config and the engine's messages.
 */
function sanitize(config) {
  const problems = [];
  const clean = { protectedDomains: [], trustedDomains: [] };
  if (Array.isArray(config.platforms)) {
    clean.platforms = config.platforms.filter((id) => {
      const err = validateConfig({ platforms: [id] });
      if (err) problems.push(err);
      return !err;
    });
  }
  for (const field of ['protectedDomains', 'trustedDomains']) {
    for (const d of config[field] || []) {
      const err = validateConfig({ [field]: [d] });
      if (err) problems.push(err);
      else clean[field].push(d);
    }
  }
  return { clean, problems };
}

async function build(settings) {
  await loadWasm();
  const t0 = performance.now();
  const config = engineConfig(settings);
  let engine;
  let problems = [];
  try {
    engine = new Engine(config);
  } catch (e) {
    const s = sanitize(config);
    problems = s.problems.length ? s.problems : [String(e && e.message ? e.message : e)];
    try {
      engine = new Engine(s.clean);
    } catch (e2) {
      // Entries valid one by one can still fail together (too many): protect with defaults.
      problems.push(String(e2 && e2.message ? e2.message : e2));
      engine = new Engine({});
    }
  }
  const startMs = performance.now() - t0;
  if (current && current.engine) current.engine.free();
  current = { engine, settings, problems, startMs, lexiconMs: null };
  if (timing.firstReadyAtMs === null) timing.firstReadyAtMs = performance.now();
  return current;
}

let building = null;

/** The engine (built on first use). */
export async function getEngine() {
  if (current) return current;
  if (!building) building = loadSettings().then(build).finally(() => { building = null; });
  return building;
}

/**
 * Rebuilds the engine from stored settings (after the seller changed them), unless the engine's
 * part of them is what the current engine was built from.
 */
export async function reload() {
  const settings = await loadSettings();
  if (building) await building.catch(() => {});
  if (current && configKey(current.settings) === configKey(settings)) {
    current = { ...current, settings };
    return current;
  }
  return build(settings);
}

/**
 * Builds the current engine's message lexicon unless it is built: engine start leaves it out
 * (links and navigations, most of what wakes the worker, never need it), so an inbox page asks
 * for it when it opens, and the build overlaps the page reading its messages instead of
 * delaying the first answer. Records how long the build took (lexiconMs).
 */
export async function prepareMessages() {
  const cur = await getEngine();
  const t0 = performance.now();
  if (cur.engine.prepareMessages() && cur === current) current.lexiconMs = performance.now() - t0;
  return current;
}

/** `validateConfig` of the engine: null when valid, else the engine's message. */
export async function validate(config) {
  await loadWasm();
  return validateConfig(config);
}

export async function engineVersion() {
  await loadWasm();
  return version();
}

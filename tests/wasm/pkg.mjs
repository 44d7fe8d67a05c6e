// The built wasm package, loaded once for the tests in this folder (not a test itself).
// SELLERSHIELD_PKG=dir overrides pkg/.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const PKG = resolve(ROOT, process.env.SELLERSHIELD_PKG ?? 'pkg');
const JS = join(PKG, 'sellershield.js');
const WASM = join(PKG, 'sellershield_bg.wasm');
if (!existsSync(JS) || !existsSync(WASM)) {
  throw new Error(`${PKG} has no built package: run scripts/build.sh first`);
}

/** The package's exports, initialised. */
export const ss = await import(pathToFileURL(JS).href);
ss.initSync({ module: readFileSync(WASM) });

// Orders a WebAssembly module's functions, and its data segments, so that the ones that look
// alike sit side by side, which is what gzip (and the browser's own compressed transfer) can
// use: DEFLATE finds repeats only within 32 KB, and the linker lays functions out by crate and
// module, so the fifteen copies of a generic (a hash table's growth for each key type,
// `Vec::from_iter` for each iterator) end up far apart, and the constant data by address, so
// strings sit between tables. Nothing the module does changes: V8 compiles each function on
// its own, so their order does not matter to it, and each data segment names the address it
// is copied to, so the order in which they are copied does not matter either (they never
// overlap; the script checks).
//
//   node scripts/wasm-order.mjs [--variant N] IN.wasm OUT.wasm
//
// IN must keep its function names (wasm-opt -g). The functions' order is written as new
// function names (f000000, f000001, ...) in place of the name section, for `wasm-opt
// --reorder-functions-by-name --strip-debug` to apply: that pass rewrites every call and table
// entry, which this script would otherwise have to decode instruction by instruction. The data
// segments are reordered here (wasm-opt keeps their order).
//
// The order is greedy: from the first item, the next one is the unplaced item that shares the
// most SHINGLE-byte sequences with the last LOOK_BACK placed, each sequence weighted by how rare
// it is (a sequence in more than MAX_SHARED items is too common to say anything). Measured on
// the module (docs/performance.md, "The module under 400 KB gzip, for good"): functions
// −8.6 KB by `gzip -9` (sorting them by name: −2.6 KB), data segments −4.6 KB more.
//
// How well a greedy order compresses moves by ±0.5 KB with its parameters and with any change
// of the code, and no setting is best for every build; so there are a few VARIANTS, each
// deterministic: scripts/build.sh applies each to the functions and keeps the smallest module,
// and the data segments' order is chosen here, the smallest data section of all variants.

import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

/** [SHINGLE (bytes, 4 or 5), LOOK_BACK, MAX_SHARED, SIZE_DAMPING (score / (sequences + 1) ** this)] */
const VARIANTS = [
  [4, 6, 80, 0.25],
  [4, 8, 80, 0.25],
  [5, 6, 80, 0.25],
  [4, 6, 100, 0.25],
  [4, 3, 200, 0],
  [4, 10, 200, 0],
  [5, 8, 100, 0.25],
  [4, 6, 80, 0.5],
];

class WasmError extends Error {}

function readModule(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) {
    throw new WasmError('not a WebAssembly module (version 1)');
  }
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      if (p >= bytes.length) throw new WasmError('module ends inside a number');
      x = bytes[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  const name = () => {
    const n = leb();
    const s = bytes.subarray(p, p + n).toString();
    p += n;
    return s;
  };
  const sections = [];
  const bodies = [];
  let segments = [];
  const names = new Map();
  let importedFunctions = 0;
  while (p < bytes.length) {
    const begin = p;
    const id = bytes[p++];
    const len = leb();
    const end = p + len;
    if (end > bytes.length) throw new WasmError(`section ${id} runs past the end of the module`);
    let custom = null;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        name();
        name();
        const kind = bytes[p++];
        if (kind === 0) {
          leb();
          importedFunctions++;
        } else if (kind === 1) {
          p++;
          if (leb() & 1) leb();
          leb();
        } else if (kind === 2) {
          if (leb() & 1) leb();
          leb();
        } else if (kind === 3) {
          p += 2;
        } else if (kind === 4) {
          p++;
          leb();
        } else {
          throw new WasmError(`import of unknown kind ${kind}`);
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        bodies.push(bytes.subarray(p, p + size));
        p += size;
      }
    } else if (id === 11) {
      for (let n = leb(); n > 0; n--) {
        const begin = p;
        // Only active segments of memory 0 at a constant address (flag 0, `i32.const`) can be
        // moved; anything else (passive segments that code refers to by index) keeps the order.
        if (bytes[p++] !== 0 || bytes[p++] !== 0x41) {
          segments = null;
          break;
        }
        const address = leb();
        if (bytes[p++] !== 0x0b) {
          segments = null;
          break;
        }
        const size = leb();
        segments.push({ address, data: bytes.subarray(p, p + size), encoded: bytes.subarray(begin, p + size) });
        p += size;
      }
    } else if (id === 0) {
      custom = name();
      if (custom === 'name') {
        while (p < end) {
          const sub = bytes[p++];
          const subEnd = leb() + p;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              const index = leb();
              names.set(index, name());
            }
          }
          p = subEnd;
        }
      }
    }
    sections.push({ id, bytes: bytes.subarray(begin, end), custom });
    p = end;
  }
  return { sections, bodies, names, importedFunctions, segments };
}

function similarityOrder(items, [SHINGLE, LOOK_BACK, MAX_SHARED, SIZE_DAMPING]) {
  const n = items.length;
  const shingles = items.map((body) => {
    const set = new Set();
    for (let i = 0; i + SHINGLE <= body.length; i++) {
      set.add(SHINGLE === 4 ? body.readUInt32LE(i) : body.readUInt32LE(i) + body[i + 4] * 2 ** 32);
    }
    return set;
  });
  const holders = new Map();
  shingles.forEach((set, f) => {
    for (const s of set) {
      let list = holders.get(s);
      if (!list) holders.set(s, (list = []));
      list.push(f);
    }
  });
  const placed = new Uint8Array(n);
  const score = new Float64Array(n);
  const order = [];
  let next = 0;
  while (next >= 0) {
    placed[next] = 1;
    order.push(next);
    score.fill(0);
    for (let back = 0; back < LOOK_BACK && back < order.length; back++) {
      const weight = 1 / (1 + back);
      for (const s of shingles[order[order.length - 1 - back]]) {
        const list = holders.get(s);
        if (list.length > MAX_SHARED) continue;
        const w = weight / list.length;
        for (const f of list) if (!placed[f]) score[f] += w;
      }
    }
    next = -1;
    let best = -1;
    for (let f = 0; f < n; f++) {
      if (placed[f]) continue;
      const s = score[f] / (shingles[f].size + 1) ** SIZE_DAMPING;
      if (s > best) {
        best = s;
        next = f;
      }
    }
  }
  return order;
}

function uleb(n) {
  const out = [];
  do {
    let x = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) x |= 0x80;
    out.push(x);
  } while (n);
  return Buffer.from(out);
}

function section(id, body) {
  return Buffer.concat([Buffer.from([id]), uleb(body.length), body]);
}

/// The data section with its segments in the order of likeness, or null when they cannot move.
/// Every variant is tried here, the smallest by zlib -9 kept: unlike the functions' order, the
/// data's needs no wasm-opt run to be measured.
function dataSection(segments) {
  if (!segments || segments.length < 2) return null;
  const spans = segments.map((s) => [s.address, s.address + s.data.length]).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) return null;
  }
  let best = null;
  for (const variant of VARIANTS) {
    const order = similarityOrder(segments.map((s) => s.data), variant);
    const body = Buffer.concat([uleb(segments.length), ...order.map((i) => segments[i].encoded)]);
    const size = deflateRawSync(body, { level: 9 }).length;
    if (!best || size < best.size) best = { size, body };
  }
  return section(11, best.body);
}

function nameSection(entries) {
  const parts = [uleb(entries.length)];
  for (const [index, name] of entries) {
    const b = Buffer.from(name);
    parts.push(uleb(index), uleb(b.length), b);
  }
  const functions = Buffer.concat(parts);
  return section(0, Buffer.concat([uleb(4), Buffer.from('name'), Buffer.from([1]), uleb(functions.length), functions]));
}

function main() {
  const args = process.argv.slice(2);
  let variant = 0;
  if (args[0] === '--variant') {
    variant = Number(args[1]);
    args.splice(0, 2);
  }
  if (args[0] === '--variants') {
    console.log(VARIANTS.length);
    return;
  }
  const [input, output] = args;
  if (!input || !output || !(variant >= 0 && variant < VARIANTS.length && Number.isInteger(variant))) {
    console.error(`usage: node scripts/wasm-order.mjs [--variant 0..${VARIANTS.length - 1}] IN.wasm OUT.wasm | --variants`);
    process.exit(2);
  }

  let module;
  try {
    module = readModule(readFileSync(input));
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    console.error(`wasm-order: ${input}: ${e.message}`);
    process.exit(1);
  }
  const { sections, bodies, names, importedFunctions, segments } = module;
  if (!names.size) {
    console.error(`wasm-order: ${input} has no function names (run wasm-opt with -g)`);
    process.exit(1);
  }
  const entries = [];
  for (let i = 0; i < importedFunctions; i++) entries.push([i, names.get(i) ?? `import${i}`]);
  const key = new Array(bodies.length);
  similarityOrder(bodies, VARIANTS[variant]).forEach((f, k) => {
    key[f] = `f${String(k).padStart(6, '0')}`;
  });
  key.forEach((name, f) => entries.push([importedFunctions + f, name]));
  const data = dataSection(segments);
  if (!data) console.error('wasm-order: the data segments keep their order (not all active at constant, separate addresses)');
  const kept = sections.filter((s) => s.custom !== 'name').map((s) => (s.id === 11 && data ? data : s.bytes));
  writeFileSync(output, Buffer.concat([Buffer.from('\0asm\x01\0\0\0', 'latin1'), ...kept, nameSection(entries)]));
}

main();

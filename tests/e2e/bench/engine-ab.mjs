// The engine's steady speed in Chromium, A/B: two (or more) builds of the wasm package, each in
// its own page of one browser, calls alternating between them round by round, so the machine's
// drift (other builds on 2 cores move a single run by ±20% or more) falls on every build alike. Optionally a
// CPU profile of one build, aggregated by function: with a module that keeps its function names
// (`SELLERSHIELD_WASM_PROFILE=1 scripts/build.sh`, a profiling build only), that says where
// the wasm's time goes, which a native profile cannot (the gap between the two is the point).
//
//   node tests/e2e/bench/engine-ab.mjs [--rounds N] PKG_DIR...    medians per build
//   node tests/e2e/bench/engine-ab.mjs --profile OUT_PREFIX PKG_DIR
//       writes OUT_PREFIX-links.txt, OUT_PREFIX-message.txt and OUT_PREFIX-inbox.txt (self and
//       total time per function, top 60; the inbox is checkInbox of the benchmark's batch) and
//       the raw .cpuprofile files (open them in DevTools)
//   node tests/e2e/bench/engine-ab.mjs --dump DIR
//       writes the benchmark's inputs as DIR/links.json, DIR/messages.json and DIR/inbox.json
//       (checkInbox's batch), for the same work natively (examples/browser_inputs.rs)
//
// A PKG_DIR holds sellershield.js and sellershield_bg.wasm (pkg/, dist/pkg/ or a copy of
// either). The calls are bench-page.mjs's own: checkLinks of 10,000 links, checkMessage of 10 KB
// messages (20 in a row per timing, for the clock's 0.1 ms steps); it prints the median and the
// minimum over rounds (the minimum is the least disturbed by other work on the machine).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { CHROMIUM, ROOT, startServer } from '../lib/harness.mjs';
import * as inputs from './inputs.mjs';
import { median } from './stats.mjs';

function parseArgs(argv) {
  const o = { rounds: 15, profile: null, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--profile') o.profile = argv[++i];
    else o.dirs.push(resolve(argv[i]));
  }
  if (!o.dirs.length || !(o.rounds > 0)) {
    console.error('usage: engine-ab.mjs [--rounds N] [--profile OUT_PREFIX] PKG_DIR...');
    process.exit(2);
  }
  return o;
}

const hostOf = (i) => `p${i}.bench.sellershield.test`;

function serve(server, dirs) {
  const here = join(ROOT, 'tests', 'e2e', 'bench');
  dirs.forEach((dir, i) => {
    for (const f of ['bench.html', 'bench-page.mjs', 'inputs.mjs']) server.serveFile(hostOf(i), `/bench/${f}`, join(here, f));
    for (const f of ['sellershield.js', 'sellershield_bg.wasm']) server.serveFile(hostOf(i), `/pkg/${f}`, join(dir, f));
  });
}

async function openEngine(browser, server, i) {
  const page = await browser.newPage();
  await page.goto(server.url(hostOf(i), '/bench/bench.html'));
  await page.waitForFunction(() => window.sellershieldBench, null, { timeout: 15000 });
  await page.evaluate(() => window.sellershieldBench.start());
  return page;
}

/** Self and total (inclusive) sample time per function name, biggest total first. */
function aggregate(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const where = f.url.startsWith('wasm://') ? 'wasm' : f.url.split('/').pop() || '';
    return `${f.functionName || '(anonymous)'}${where ? ` [${where}]` : ''}`;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  profile.samples.forEach((id, k) => {
    const dt = profile.timeDeltas[k + 1] ?? 0; // a sample's time runs until the next one
    all += dt;
    const leaf = byId.get(id);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set();
    for (let n = leaf; n; n = byId.get(parent.get(n.id))) {
      const nm = name(n);
      if (!seen.has(nm)) {
        seen.add(nm);
        total.set(nm, (total.get(nm) ?? 0) + dt);
      }
    }
  });
  const rows = [...total.keys()].map((k) => ({ name: k, self: self.get(k) ?? 0, total: total.get(k) }));
  return { all, rows };
}

function report(title, { all, rows }) {
  const pct = (x) => `${((100 * x) / all).toFixed(1).padStart(5)}%`;
  const lines = [`${title}: ${(all / 1000).toFixed(1)} ms sampled`, '', 'by self time:'];
  for (const r of [...rows].sort((a, b) => b.self - a.self).slice(0, 60)) lines.push(`${pct(r.self)} self ${pct(r.total)} total  ${r.name}`);
  lines.push('', 'by total time:');
  for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, 60)) lines.push(`${pct(r.total)} total ${pct(r.self)} self  ${r.name}`);
  return `${lines.join('\n')}\n`;
}

async function profileOne(browser, server, prefix) {
  const page = await openEngine(browser, server, 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const jobs = {
    links: () => window.sellershieldBench.checkLinks(10000, 5),
    message: () => window.sellershieldBench.checkMessage(10240, 301),
    inbox: () => window.sellershieldBench.checkInbox(20),
  };
  for (const [what, fn] of Object.entries(jobs)) {
    await page.evaluate(fn); // tier the code up first: the steady state is what is measured
    await cdp.send('Profiler.start');
    await page.evaluate(fn);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${prefix}-${what}.cpuprofile`, JSON.stringify(profile));
    const text = report(`${what}`, aggregate(profile));
    writeFileSync(`${prefix}-${what}.txt`, text);
    console.log(text.split('\n').slice(0, 30).join('\n'));
  }
  await page.close();
}

async function main() {
  if (process.argv[2] === '--dump') {
    const dir = resolve(process.argv[3] ?? '.');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'links.json'), JSON.stringify(inputs.links(10000)));
    writeFileSync(join(dir, 'messages.json'), JSON.stringify(Array.from({ length: 20 }, (_, i) => inputs.message(10240, i))));
    writeFileSync(join(dir, 'inbox.json'), JSON.stringify(inputs.inboxBatch()));
    console.log(`written: ${dir}/links.json, ${dir}/messages.json, ${dir}/inbox.json`);
    return;
  }
  const o = parseArgs(process.argv.slice(2));
  const server = await startServer();
  serve(server, o.dirs);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', ...server.chromiumArgs()] });
  try {
    if (o.profile) return await profileOne(browser, server, o.profile);
    // One page per build, all open at once, calls alternating between them: a burst of load
    // from elsewhere then lands on every build alike.
    const pages = [];
    for (const i of o.dirs.keys()) pages.push(await openEngine(browser, server, i));
    const got = o.dirs.map(() => ({ links: [], message: [], inbox: [], inboxFirst: [] }));
    for (const [i, page] of pages.entries()) {
      // Warm-up (tier-up) and the verdicts, which must not differ between builds.
      const l = await page.evaluate(() => window.sellershieldBench.checkLinks(10000, 1));
      const m = await page.evaluate(() => window.sellershieldBench.checkMessage(10240, 20));
      got[i].verdicts = `${JSON.stringify(l.verdicts)}; message ${m.verdict} ${JSON.stringify(m.categories)}`;
    }
    // checkInbox's first call in a fresh page, the cold code a fresh worker runs, before the
    // rounds below warm each build up.
    for (const [i, page] of pages.entries()) got[i].inboxFirst.push((await page.evaluate(() => window.sellershieldBench.checkInbox(0))).first);
    for (let r = 0; r < o.rounds; r++) {
      const order = [...pages.keys()];
      if (r % 2) order.reverse();
      for (const i of order) {
        const l = await pages[i].evaluate(() => window.sellershieldBench.checkLinks(10000, 1));
        got[i].links.push((l.times[0] * 1000) / 10000);
      }
      for (const i of order) {
        const m = await pages[i].evaluate(() => window.sellershieldBench.checkMessageRun(10240, 20, 1));
        got[i].message.push(m.times[0]);
      }
      for (const i of order) {
        const b = await pages[i].evaluate(() => window.sellershieldBench.checkInbox(1));
        got[i].inbox.push(b.times[0]);
      }
    }
    const min = (xs) => Math.min(...xs);
    for (const [i, dir] of o.dirs.entries()) {
      const g = got[i];
      console.log(`${dir}`);
      console.log(`  checkLinks   median ${median(g.links).toFixed(2)} min ${min(g.links).toFixed(2)} µs/link`);
      console.log(`  checkMessage median ${median(g.message).toFixed(3)} min ${min(g.message).toFixed(3)} ms`);
      console.log(`  checkInbox   median ${median(g.inbox).toFixed(1)} min ${min(g.inbox).toFixed(1)} ms (200 messages, 2,000 links; first call in a fresh page ${g.inboxFirst[0].toFixed(1)} ms)`);
      console.log(`  verdicts ${g.verdicts}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`engine-ab: ${e.stack ?? e.message}`);
  process.exit(1);
});

// Every reason the engine gives over the test corpora can be worded in every locale.
//
// The batch answers (checkLinks, checkInbox: src/answer.rs) carry reasons by code and
// parameters only, and the extension words them from `_locales/<lang>/messages.json`
// (`reason_<code>`, `$param$` placeholders; content/common.js `format`). A text that names a
// parameter the engine does not give for that code would leave a reason unworded, so this runs
// the engine over every URL and message fixture and formats each reason it gives, in English
// and in Simplified Chinese (English underneath, as the worker builds its tables).
//
// Run: `node --test tests/wasm/` after `scripts/build.sh`; SELLERSHIELD_PKG=dir overrides pkg/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, ss } from './pkg.mjs';
await import(pathToFileURL(join(ROOT, 'extension', 'content', 'common.js')).href);
const { format } = globalThis.SellerShield;

const FIXTURES = join(ROOT, 'tests', 'fixtures');

function locale(lang) {
  const read = (l) => JSON.parse(readFileSync(join(ROOT, 'extension', '_locales', l, 'messages.json'), 'utf8'));
  const raw = lang === 'en' ? read('en') : { ...read('en'), ...read(lang) };
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.message]));
}

function fixtureUrls() {
  const out = [];
  for (const f of readdirSync(join(FIXTURES, 'urls')).filter((n) => n.endsWith('.tsv'))) {
    for (const line of readFileSync(join(FIXTURES, 'urls', f), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      // verdict, kind, platform, impersonates, split, url, shown_text
      const c = line.split('\t');
      if (c.length < 6) continue;
      out.push({ url: c[5], text: c[6] || undefined, platform: c[2] === '-' ? undefined : c[2] });
    }
  }
  return out;
}

function fixtureMessages() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.txt')) out.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(join(FIXTURES, 'messages'));
  return out;
}

/** Every reason of the corpora, once per code and set of parameter names. */
function corpusReasons() {
  const engine = new ss.Engine({});
  const byShape = new Map();
  const add = (r) => {
    const key = `${r.code}:${Object.keys(r.params || {}).sort().join(',')}`;
    if (!byShape.has(key)) byShape.set(key, r);
  };
  const urls = fixtureUrls();
  for (const r of engine.checkLinks(urls)) r.reasons.forEach(add);
  const messages = fixtureMessages().map((text) => ({ text, links: [], platform: 'alibaba' }));
  for (const m of engine.checkMessages(messages)) {
    m.reasons.forEach(add);
    for (const l of m.links) l.reasons.forEach(add);
  }
  return { reasons: [...byShape.values()], urls: urls.length, messages: messages.length };
}

const corpus = corpusReasons();

test('the corpora give reasons of many codes to word', () => {
  assert.ok(corpus.urls > 500 && corpus.messages > 300, `${corpus.urls} URLs, ${corpus.messages} messages`);
  assert.ok(new Set(corpus.reasons.map((r) => r.code)).size >= 30);
});

for (const lang of ['en', 'zh_CN']) {
  test(`every reason of the corpora is worded in ${lang} from its parameters`, () => {
    const table = locale(lang);
    const unworded = corpus.reasons.filter((r) => format(table, `reason_${r.code}`, r.params || {}) == null);
    assert.deepEqual(unworded.map((r) => `${r.code} {${Object.keys(r.params || {}).join(', ')}}`), []);
  });
}

test('a text naming a parameter the reason lacks is caught (the check can fail)', () => {
  const table = { reason_off_platform: 'Leads off $platform$ to $nowhere$.' };
  assert.equal(format(table, 'reason_off_platform', { platform: 'Alibaba.com', domain: 'x.de' }), null);
});

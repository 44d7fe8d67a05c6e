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
const { format, inboxAnswer, reasonText } = globalThis.SellerShield;

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

// The inbox answer leaves out parameters no text words (src/answer.rs, UNWORDED_PARAMS): every
// reason it carries must still be worded, as the page words it (`reasonText`, which may fall
// back to a code's wording without parameters, never to a text with a `$placeholder$` left in).
// The messages get links of the URL corpus, so the reasons of marked links and of messages
// about links are worded too.
for (const lang of ['en', 'zh_CN']) {
  test(`every reason of an inbox answer over the corpora is worded in ${lang}`, () => {
    const table = locale(lang);
    const engine = new ss.Engine({});
    const texts = fixtureMessages();
    // The URLs of the corpus as the messages' links, a few per message, so link marks are worded too.
    const urls = fixtureUrls();
    const messages = texts.map((text, i) => ({ text, links: urls.slice((i * 2) % urls.length, ((i * 2) % urls.length) + 2).map((u) => ({ href: u.url, text: u.text })) }));
    const { answer } = engine.checkInbox(JSON.stringify(messages), 'alibaba');
    const raw = JSON.parse(answer);
    assert.ok(raw.reasons.length > 100 && raw.links.length > 100, `${raw.reasons.length} reasons, ${raw.links.length} marked links`);
    const unworded = raw.reasons.filter((r) => {
      const w = reasonText(table, r);
      return !w || /\$[a-z_]+\$/i.test(w) || w.startsWith('reason_');
    });
    assert.deepEqual(unworded.map((r) => `${r.code} {${Object.keys(r.params || {}).join(', ')}}`), []);
    const a = inboxAnswer(table, answer);
    for (const m of a.messages) {
      for (const s of m.links) {
        const l = a.slot(s);
        if (l && typeof l === 'object') assert.ok(l.why.length > 0 && l.why.every((w) => !w.startsWith('reason_')), JSON.stringify(l));
      }
      if (m.verdict === 'safe') continue;
      const b = a.banner(m);
      assert.ok(table[b.headline], b.headline);
      assert.ok(b.lines.every((l) => l.text && !l.text.startsWith('reason_')), JSON.stringify(b.lines));
    }
  });
}

test('a text naming a parameter the reason lacks is caught (the check can fail)', () => {
  const table = { reason_off_platform: 'Leads off $platform$ to $nowhere$.' };
  assert.equal(format(table, 'reason_off_platform', { platform: 'Alibaba.com', domain: 'x.de' }), null);
});

// The wasm-bindgen surface the extension relies on, exercised in Node on the built package.
//
// The service worker talks to the engine only through this surface (docs/ARCHITECTURE.md,
// "WebAssembly"), so these tests pin its shape: the names, the argument forms, plain-object
// answers, and that bad input arrives in JavaScript as an `Error` with a readable message and
// never as a wasm trap ("unreachable", which would kill the service worker's engine for good).
//
// Loads pkg/ the way the extension does (the web target's `initSync` with the module bytes).
// Run: `node --test tests/wasm/` after `scripts/build.sh`; SELLERSHIELD_PKG=dir overrides pkg/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, ss } from './pkg.mjs';

const GENUINE = 'https://www.alibaba.com/product-detail/Stainless-Steel-Flange_1600.html';
const FOREIGN = 'https://www.acme-industrial-supplies.de/rfq/2291';
const VERDICTS = ['safe', 'caution', 'danger', 'invalid'];

// A wasm trap surfaces as a WebAssembly.RuntimeError; the surface promises plain Errors.
function assertCleanError(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${typeof e}: ${e}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a wasm trap escaped: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

function assertReason(r) {
  assert.match(r.code, /^[a-z][a-z0-9_]*$/, 'reason codes are stable snake_case');
  assert.ok(['info', 'caution', 'danger'].includes(r.severity), `severity ${r.severity}`);
  assert.equal(typeof r.message, 'string');
  assert.ok(r.message.length > 0);
  assert.equal(typeof r.params, 'object', 'params is a plain object (maps serialised as objects)');
}

test('version() is the crate version', () => {
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const want = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
  assert.equal(ss.version(), want);
});

test('an engine is built from an empty config and lists its platforms', () => {
  const engine = new ss.Engine({});
  const platforms = engine.platforms();
  assert.ok(Array.isArray(platforms));
  const alibaba = platforms.find((p) => p.id === 'alibaba');
  assert.ok(alibaba, 'alibaba is protected by default');
  assert.equal(alibaba.domain, 'alibaba.com');
  assert.equal(typeof alibaba.name, 'string');
  // Absent and null configs mean the same as {} (the extension's first start has no settings).
  assert.deepEqual(new ss.Engine(undefined).platforms(), platforms);
  assert.deepEqual(new ss.Engine(null).platforms(), platforms);
});

test('prepareMessages builds the message lexicon once; a message check needs no call first', () => {
  const engine = new ss.Engine({});
  assert.equal(engine.prepareMessages(), true, 'the first call builds it');
  assert.equal(engine.prepareMessages(), false, 'later calls find it built');
  const text = 'Please send me the 6-digit verification code you received, urgently.';
  const prepared = engine.checkMessage({ text, platform: 'alibaba' });
  // An engine never prepared builds it on its first message, with the same answer.
  const cold = new ss.Engine({}).checkMessage({ text, platform: 'alibaba' });
  assert.deepEqual(cold, prepared);
  assert.notEqual(prepared.verdict, 'safe');
});

test('checkUrl: a genuine Alibaba.com link in the alibaba context is safe', () => {
  const engine = new ss.Engine({});
  const r = engine.checkUrl(GENUINE, 'Stainless steel flange', 'alibaba');
  assert.equal(r.verdict, 'safe');
  assert.equal(r.platform, 'alibaba');
  assert.equal(r.impersonates, null);
  assert.equal(r.host, 'www.alibaba.com');
  assert.equal(r.input, GENUINE);
  assert.equal(typeof r.score, 'number');
  r.reasons.forEach(assertReason);
});

test('checkUrl: a foreign buyer site in the alibaba context is caution, saying it leaves Alibaba.com', () => {
  const engine = new ss.Engine({});
  const r = engine.checkUrl(FOREIGN, undefined, 'alibaba');
  assert.equal(r.verdict, 'caution');
  assert.equal(r.platform, null);
  assert.ok(r.score > 0);
  r.reasons.forEach(assertReason);
  const off = r.reasons.find((x) => x.code === 'off_platform');
  assert.ok(off, `reasons: ${r.reasons.map((x) => x.code)}`);
  assert.match(off.message, /Alibaba\.com/);
});

test('checkUrl: the optional arguments may be omitted, and garbage is "invalid", not a throw', () => {
  const engine = new ss.Engine({});
  assert.ok(VERDICTS.includes(engine.checkUrl(GENUINE).verdict));
  const bad = engine.checkUrl('ht!tp:/not a url');
  assert.equal(bad.verdict, 'invalid');
  assert.ok(bad.reasons.length > 0);
  for (const junk of ['', ' ', '\u0000', 'javascript', 'https://', `https://${'a'.repeat(5000)}.com/`]) {
    assert.ok(VERDICTS.includes(engine.checkUrl(junk, junk, 'alibaba').verdict), JSON.stringify(junk.slice(0, 20)));
  }
});

test('checkUrl: an unknown context platform does not throw', () => {
  const engine = new ss.Engine({});
  assert.ok(VERDICTS.includes(engine.checkUrl(FOREIGN, undefined, 'no-such-platform').verdict));
});

test('checkLinks answers a batch in order, agreeing with checkUrl', () => {
  const engine = new ss.Engine({});
  const batch = [
    { url: GENUINE, platform: 'alibaba' },
    { url: FOREIGN, text: 'our website', platform: 'alibaba' },
    { url: 'not a url' },
  ];
  const reports = engine.checkLinks(batch);
  assert.equal(reports.length, batch.length);
  reports.forEach((r, i) => {
    const full = engine.checkUrl(batch[i].url, batch[i].text, batch[i].platform);
    assert.equal(r.verdict, full.verdict);
    assert.equal(r.score, full.score);
    // The batch answer is lean: no echo of the URL, reasons by code and parameters only.
    assert.equal(r.input, undefined);
    assert.deepEqual(r.reasons, full.reasons.map(({ code, severity, params }) => (params ? { code, severity, params } : { code, severity })));
  });
  assert.deepEqual(reports.map((r) => r.verdict), ['safe', 'caution', 'invalid']);
  assert.deepEqual(engine.checkLinks([]), []);
});

test('checkInbox answers each message as its page draws it: links by position, spans in UTF-16', () => {
  const engine = new ss.Engine({});
  const text = '“Urgent” notice: your account will be suspended within 24 hours unless you verify your password at https://a1ibaba-secure-login.com/login';
  const messages = [
    { text: 'Hello, what is the MOQ for the 304 flange? Thanks', links: [{ href: GENUINE, text: 'flange' }] },
    { text, links: [{ href: GENUINE }, { href: ` ${FOREIGN} ` }, { href: GENUINE }, { href: '' }, { href: FOREIGN }] },
  ];
  const full = engine.checkMessages(messages.map((m) => ({ ...m, platform: 'alibaba' })));
  // JSON text in (what the inbox page sends), the page's platform beside it.
  const out = engine.checkInbox(JSON.stringify(messages), 'alibaba');
  assert.deepEqual(out.verdicts, full.map((r) => r.verdict), 'the verdicts, for the worker');
  assert.equal(out.markedLinks, 1, 'the foreign link, once in its message');
  assert.equal(typeof out.answer, 'string', 'the page answer is text the worker passes on');
  const a = JSON.parse(out.answer);
  assert.deepEqual(a.messages[0], { verdict: 'safe', links: ['safe'] }, 'a safe message carries only its verdicts');
  const [m, r] = [a.messages[1], full[1]];
  assert.equal(m.verdict, r.verdict);
  assert.ok(m.verdict === 'caution' || m.verdict === 'danger');
  assert.deepEqual(m.categories, r.categories);
  assert.equal(m.links.length, 5, 'one slot per link sent');
  assert.equal(m.links[0], 'safe');
  const foreign = a.links[m.links[1]];
  assert.equal(foreign.verdict, 'caution', 'the foreign link, matched after trimming');
  assert.equal(foreign.host, 'www.acme-industrial-supplies.de');
  assert.equal(a.reasons[foreign.why[0]].code, 'off_platform');
  assert.equal(m.links[2], 'safe');
  assert.equal(m.links[3], null, 'an empty link is not judged');
  assert.equal(m.links[4], m.links[1], 'the same link again: the same entry');
  assert.ok(m.lines.length > 0 && m.lines.every(([k]) => typeof a.reasons[k].code === 'string'));
  assert.ok(a.reasons.every((x) => x.message === undefined && x.severity === undefined), 'texts come from the locales');
  // Spans: the same evidence as the report's UTF-8 byte spans, in UTF-16 offsets.
  const bytes = new TextEncoder().encode(text);
  const evidence = new Set(r.reasons.filter((x) => x.span).map((x) => new TextDecoder().decode(bytes.subarray(x.span.start, x.span.end))));
  assert.ok(m.spans.length > 0, 'the message has evidence to highlight');
  for (const [start, end] of m.spans) assert.ok(evidence.has(text.slice(start, end)), text.slice(start, end));
  // The same batch as values gives the same answer; the page's platform wins over a message's.
  const again = engine.checkInbox(messages.map((x) => ({ ...x, platform: 'amazon' })), 'alibaba');
  assert.equal(again.answer, out.answer);
  assertCleanError(() => engine.checkInbox('not a list', 'alibaba'), /messages/);
  assertCleanError(() => engine.checkInbox('[{"text": 5}]', 'alibaba'), /messages/);
  assertCleanError(() => engine.checkInbox(42), /messages/);
});

test('a text cut inside an emoji is judged: half a surrogate pair reads as U+FFFD', () => {
  const engine = new ss.Engine({});
  // The inbox script caps a message at 30,000 characters and a link's text at 500, the page
  // guard a label at 120: a cap can fall between the two halves of an emoji, which
  // JSON.stringify then writes as a lone \udXXX escape.
  const cut = 'Verify your password within 24 hours or your store is closed 😀😀'.slice(0, -1);
  const messages = [
    { text: 'Hello, what is the MOQ for the 304 flange? Thanks 👍', links: [{ href: GENUINE, text: 'flange 👍' }] },
    { text: cut, links: [{ href: 'https://a1ibaba-secure-login.com/login', text: '😀😀'.slice(1) }] },
  ];
  const out = engine.checkInbox(JSON.stringify(messages), 'alibaba');
  assert.equal(out.verdicts.length, 2, 'every message of the batch judged');
  assert.equal(out.verdicts[0], 'safe');
  assert.ok(out.verdicts[1] === 'danger' || out.verdicts[1] === 'caution', out.verdicts[1]);
  const page = engine.checkPage({
    url: 'https://a1ibaba-secure-login.com/login',
    topFrame: true,
    title: 'Alibaba.com Sign in 😀'.slice(0, -1),
    forms: [{ action: '/login', fields: [{ type: 'password', visible: true, label: 'Password 😀'.slice(0, -1) }] }],
  });
  assert.equal(page.verdict, 'block', 'a page is still judged, not refused');
});

test('checkLinks refuses a malformed batch with an Error naming it', () => {
  const engine = new ss.Engine({});
  assertCleanError(() => engine.checkLinks('https://www.alibaba.com/'), /links/);
  assertCleanError(() => engine.checkLinks([{ text: 'no url' }]), /links/);
});

test('a bad config throws an Error with a message naming the setting', () => {
  // The bad value is quoted back (the module is built with -Zfmt-debug=shallow, which keeps a
  // string's `{:?}`; `none` would have printed nothing between the quotes).
  assertCleanError(() => new ss.Engine({ trustedDomains: ['not a domain'] }), /trustedDomains: "not a domain"/);
  assertCleanError(() => new ss.Engine({ protectedDomains: ['com'] }), /protectedDomains: "com"/);
  assertCleanError(() => new ss.Engine({ platforms: ['no-such-platform'] }), /no-such-platform/);
  assertCleanError(() => new ss.Engine({ platforms: 'alibaba' }), /settings/);
  assertCleanError(() => new ss.Engine(42), /settings/);
});

test('an unknown setting is refused, as the CLI refuses it (a typo must not silently drop a list)', () => {
  // `trustedDomain` for `trustedDomains` in an imported settings file would otherwise leave the
  // seller believing a domain is trusted (or protected) when it is not.
  assertCleanError(() => new ss.Engine({ trustedDomain: ['acme-industrial-supplies.de'] }), /trustedDomain/);
  assert.ok(ss.validateConfig({ protectedDomain: ['my-shop.com'] }), 'validateConfig reports it too');
});

test('validateConfig agrees with the constructor without building an engine', () => {
  // "null when valid"; wasm-bindgen maps Rust's None to undefined, so either is accepted.
  assert.equal(ss.validateConfig({}) ?? null, null);
  assert.equal(ss.validateConfig({ platforms: ['alibaba'], trustedDomains: ['acme-industrial-supplies.de'] }) ?? null, null);
  assert.match(ss.validateConfig({ trustedDomains: ['not a domain'] }), /trustedDomains/);
  assert.match(ss.validateConfig({ platforms: ['no-such-platform'] }), /no-such-platform/);
});

test('a trusted domain from the config makes its links safe', () => {
  const engine = new ss.Engine({ trustedDomains: ['acme-industrial-supplies.de'] });
  assert.equal(engine.checkUrl(FOREIGN, undefined, 'alibaba').verdict, 'safe');
});

test('checkMessage returns a report object with a verdict, categories, reasons and link reports', () => {
  const engine = new ss.Engine({});
  const text =
    'Dear supplier, we need 2,000 pcs of DN50 stainless steel flanges, FOB Ningbo. ' +
    'Please quote and see our company site.';
  const r = engine.checkMessage({
    text,
    links: [{ href: FOREIGN, text: 'our company site' }],
    platform: 'alibaba',
    sender: { name: 'Jonas Weber', address: null, replyTo: null },
    attachments: [{ name: 'drawing.pdf', contentType: 'application/pdf' }],
  });
  assert.equal(typeof r, 'object');
  assert.ok(['safe', 'caution', 'danger'].includes(r.verdict), r.verdict);
  assert.equal(typeof r.score, 'number');
  assert.ok(Array.isArray(r.categories));
  assert.ok(Array.isArray(r.reasons));
  r.reasons.forEach(assertReason);
  for (const reason of r.reasons) {
    if (reason.span) {
      assert.ok(reason.span.start <= reason.span.end && reason.span.end <= Buffer.byteLength(text));
    }
  }
  assert.ok(Array.isArray(r.links));
  const link = r.links.find((l) => l.input === FOREIGN);
  assert.ok(link, `the message's link is judged: ${JSON.stringify(r.links.map((l) => l.input))}`);
  assert.equal(link.verdict, 'caution');
});

test('checkMessage: only text is required; a malformed message is an Error', () => {
  const engine = new ss.Engine({});
  assert.ok(['safe', 'caution', 'danger'].includes(engine.checkMessage({ text: 'hello' }).verdict));
  assertCleanError(() => engine.checkMessage({ text: 42 }), /message/);
  assertCleanError(() => engine.checkMessage('just a string'), /message/);
  const many = engine.checkMessages([{ text: 'one' }, { text: 'two' }]);
  assert.equal(many.length, 2);
});

test('checkPage returns an allow/warn/block report; bad facts are an Error', () => {
  const engine = new ss.Engine({});
  const r = engine.checkPage({
    url: 'https://login.alibaba.com/newlogin/icbuLogin.htm',
    title: 'Sign in - Alibaba.com',
    forms: [{ action: '', method: 'post', fields: [{ type: 'password', name: 'password', visible: true }] }],
    headings: ['Sign in'],
  });
  assert.equal(typeof r, 'object');
  assert.ok(['allow', 'warn', 'block'].includes(r.verdict), r.verdict);
  assert.equal(typeof r.score, 'number');
  assert.ok(Array.isArray(r.reasons));
  r.reasons.forEach(assertReason);
  assert.ok(['allow', 'warn', 'block'].includes(engine.checkPage({}).verdict));
  assertCleanError(() => engine.checkPage({ forms: 'none' }), /page facts/);
});

test('pageContext knows the Alibaba.com message centre and nothing about a foreign site', () => {
  const engine = new ss.Engine({});
  const inbox = engine.pageContext('https://message.alibaba.com/message/default.htm');
  assert.equal(inbox.platform, 'alibaba');
  assert.equal(inbox.genuine, true);
  assert.equal(inbox.inbox, true);
  const foreign = engine.pageContext(FOREIGN);
  assert.equal(foreign.platform, null);
  assert.equal(foreign.inbox, false);
  assert.equal(engine.pageContext('not a url').platform, null);
});

test('enrollPassword and checkTyped find a reused password and nothing else', () => {
  const engine = new ss.Engine({});
  const salt = '00112233445566778899aabbccddeeff';
  const fp = engine.enrollPassword('correct-horse-42', salt, 'alibaba');
  assert.equal(fp.platform, 'alibaba');
  assert.ok(!JSON.stringify(fp).includes('correct-horse'), 'the fingerprint holds no password');
  assert.equal(engine.checkTyped('user@example.com\tcorrect-horse-42', [fp]), 'alibaba');
  assert.equal(engine.checkTyped('correct-horse-43', [fp]), null);
  assert.equal(engine.checkTyped('anything', []), null);
  assertCleanError(() => engine.enrollPassword('short', salt, 'alibaba'), /shorter/);
  assertCleanError(() => engine.enrollPassword('correct-horse-42', 'zz', 'alibaba'), /salt/);
  assertCleanError(() => engine.checkTyped('x', 'not fingerprints'), /fingerprints/);
});

// The inbox answer on its way from the engine to the page, in Node: the page's reading of the
// engine's `checkInbox` text (content/common.js `inboxAnswer`: link slots, marked links and
// banners worded from the real English texts, each distinct reason once) and what the service
// worker decides (background/inbox.js: dismissed messages, the badge's counts). The engine's
// side of the same text is tested in src/answer.rs and tests/wasm/.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { dismissedOf, tally } from '../../extension/background/inbox.js';

await import('../../extension/content/common.js');
const SS = globalThis.SellerShield;

const raw = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
const table = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.message]));

/** An answer as the engine writes it (src/answer.rs): reasons and marked links by index. */
const answerText = JSON.stringify({
  reasons: [
    { code: 'off_platform', params: { domain: 'buyer.example', platform: 'Alibaba.com' } },
    { code: 'target_embedding', params: { genuine: 'alibaba.com', host: 'alibaba.com.verify-account3.top' } },
    { code: 'dangerous_link', params: { host: 'alibaba.com.verify-account3.top' } },
    { code: 'lure', params: { evidence: 'log in' } },
    { code: 'no_such_code_yet' },
  ],
  links: [
    { verdict: 'caution', host: 'buyer.example', why: [0] },
    { verdict: 'danger', host: 'alibaba.com.verify-account3.top', why: [1, 0], imitates: 'Alibaba.com', destination: 'alibaba.com.verify-account3.top:8443' },
  ],
  messages: [
    { verdict: 'safe', links: ['safe', 0, null, 'invalid', 0, 9, -1] },
    {
      verdict: 'danger',
      links: [1, 'safe'],
      categories: ['off_platform_contact', 'credential_phishing'],
      advice: ['credential_phishing', 'off_platform_contact'],
      headline: 'headline_credential_phishing',
      lines: [[2, 1], [3, 1], [3, 1], [0, 0]],
      cues: ['unless you respond', 'log in'],
      spans: [[30, 40, 1], [10, 16, 1], [50, 68, 0], 'junk'],
    },
  ],
});

describe('the page reads the inbox answer', () => {
  test('link slots: a verdict, a marked link by index, nothing for a link not judged or a bad index', () => {
    const a = SS.inboxAnswer(table, answerText);
    const slots = a.messages[0].links.map(a.slot);
    assert.equal(slots[0], 'safe');
    assert.deepEqual(slots[1], { verdict: 'caution', host: 'buyer.example', why: ['Leads off Alibaba.com: buyer.example is not one of its addresses.'] });
    assert.equal(slots[2], null, 'not judged');
    assert.equal(slots[3], 'invalid');
    assert.equal(slots[4], slots[1], 'a link met again shares its entry');
    assert.equal(slots[5], null, 'an index past the table is ignored');
    assert.equal(slots[6], null);
  });

  test("a danger link carries what its dialog shows: the platform imitated, the real destination, its reasons", () => {
    const a = SS.inboxAnswer(table, answerText);
    const l = a.slot(a.messages[1].links[0]);
    assert.equal(l.verdict, 'danger');
    assert.equal(l.imitates, 'Alibaba.com');
    assert.equal(l.destination, 'alibaba.com.verify-account3.top:8443');
    assert.equal(l.why.length, 2);
    assert.match(l.why[0], /hides alibaba\.com inside a different address/);
  });

  test('a banner: headline and advice as the engine ordered them, each wording once, cues not already said', () => {
    const a = SS.inboxAnswer(table, answerText);
    const b = a.banner(a.messages[1]);
    assert.equal(b.headline, 'headline_credential_phishing');
    assert.deepEqual(b.advice, ['credential_phishing', 'off_platform_contact']);
    assert.deepEqual(b.categories, ['off_platform_contact', 'credential_phishing']);
    assert.deepEqual(b.lines, [
      { text: 'It links to alibaba.com.verify-account3.top, a fake or dangerous site.', ev: true },
      { text: 'It uses the wording of a known scam: “log in”.', ev: true },
      { text: 'Leads off Alibaba.com: buyer.example is not one of its addresses.', ev: false },
      { text: 'Also typical of this scam: “unless you respond”.', ev: true },
    ], 'a repeated reason once; a cue already in a line is not quoted again');
    assert.deepEqual(b.spans, [[30, 40, 1], [10, 16, 1], [50, 68, 0]]);
  });

  test('a banner lists five reasons at most, then the cues', () => {
    const reasons = Array.from({ length: 8 }, (_, i) => ({ code: 'off_platform', params: { domain: `d${i}.example`, platform: 'Alibaba.com' } }));
    const text = JSON.stringify({ reasons, links: [], messages: [{ verdict: 'caution', links: [], lines: reasons.map((_, i) => [i, 0]), cues: ['deemed', 'remittance', 'unless', 'deadline', 'today'] }] });
    const a = SS.inboxAnswer(table, text);
    const b = a.banner(a.messages[0]);
    assert.equal(b.lines.length, 6);
    assert.equal(b.lines[5].text, 'Also typical of this scam: “deemed”, “remittance”, “unless”, “deadline”.');
  });

  test('each distinct reason is worded once per answer', () => {
    const counting = new Proxy(table, {
      get(t, k) {
        if (k === 'reason_off_platform') counting.reads++;
        return t[k];
      },
    });
    counting.reads = 0;
    const a = SS.inboxAnswer(counting, answerText);
    const slots = a.messages.flatMap((m) => m.links.map(a.slot));
    assert.equal(counting.reads, 0, 'a link is worded when its reasons are first read, not when its verdict is set');
    slots.forEach((l) => l && l.why);
    a.banner(a.messages[1]);
    assert.equal(counting.reads, 1, 'reason 0 is on a caution link, a danger link and a banner line');
  });

  test('a reason whose code has no text falls back to the key rather than an empty line', () => {
    const text = JSON.stringify({ reasons: [{ code: 'no_such_code_yet' }], links: [], messages: [{ verdict: 'caution', links: [], lines: [[0, 0]] }] });
    const a = SS.inboxAnswer(table, text);
    assert.deepEqual(a.banner(a.messages[0]).lines, [{ text: 'reason_no_such_code_yet', ev: false }]);
  });
});

describe('the worker decides', () => {
  const request = JSON.stringify([{ text: 'hello' }, { text: 'log in here' }, { text: 'pay now' }]);
  const idOf = async (text) => `id:${text}`;

  test('dismissed: only flagged messages whose id was dismissed', async () => {
    assert.deepEqual(await dismissedOf(['safe', 'danger', 'caution'], request, idOf, { 'id:log in here': true, 'id:hello': true }), [1]);
    assert.deepEqual(await dismissedOf(['safe', 'danger', 'caution'], request, idOf, { 'id:pay now': true }), [2]);
  });

  test('dismissed: nothing dismissed means no text is read or hashed', async () => {
    let hashed = 0;
    const counted = async (t) => {
      hashed++;
      return t;
    };
    assert.deepEqual(await dismissedOf(['danger', 'danger', 'danger'], 'not even JSON', counted, {}), []);
    assert.equal(hashed, 0);
    assert.deepEqual(await dismissedOf(['danger'], 'not JSON', counted, { x: true }), [], 'a bad request dismisses nothing');
  });

  test('counts: every message, marked links, flagged messages not dismissed', () => {
    const counts = { messages: 1, links: 2, caution: 0, danger: 0, blocked: 0 };
    tally(counts, ['safe', 'danger', 'caution', 'danger'], 5, [3]);
    assert.deepEqual(counts, { messages: 5, links: 7, caution: 1, danger: 1, blocked: 0 });
  });
});

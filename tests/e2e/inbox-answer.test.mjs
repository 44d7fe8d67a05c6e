// What the service worker tells the inbox page about a batch of messages
// (extension/background/inbox.js), run in Node against `checkInbox` answers shaped as the engine
// writes them (src/answer.rs) and the real English texts: links are answered by position, a marked link and a
// flagged message carry their words already formatted, and a safe message carries nothing to
// draw.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { linkEntry, messageEntry } from '../../extension/background/inbox.js';

const raw = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
const table = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.message]));
const names = { alibaba: 'Alibaba.com' };
const nameOf = (id) => names[id] || null;

const safeLink = (input) => ({ input, verdict: 'safe', score: 0, platform: 'alibaba', impersonates: null, reasons: [{ code: 'genuine_platform', severity: 'info', message: 'genuine', params: {} }] });
const cautionLink = (input, domain) => ({
  input,
  verdict: 'caution',
  score: 40,
  platform: null,
  impersonates: null,
  host: domain,
  reasons: [
    { code: 'redirect', severity: 'caution', message: 'a redirect', params: {} },
    { code: 'off_platform', severity: 'caution', message: `leads off Alibaba.com: ${domain}`, params: { platform: 'Alibaba.com', domain } },
  ],
});
const dangerLink = {
  input: 'https://alibaba.com.verify-account3.top/login',
  verdict: 'danger',
  score: 100,
  platform: null,
  impersonates: 'alibaba',
  host: 'alibaba.com.verify-account3.top',
  destination: 'https://alibaba.com.verify-account3.top:8443/login',
  reasons: [
    { code: 'target_embedding', severity: 'danger', message: 'hides alibaba.com', params: { genuine: 'alibaba.com', host: 'alibaba.com.verify-account3.top' } },
    { code: 'off_platform', severity: 'caution', message: 'leads off', params: { platform: 'Alibaba.com', domain: 'verify-account3.top' } },
    { code: 'punycode', severity: 'info', message: 'punycode', params: {} },
  ],
};

describe('the inbox answer', () => {
  test('links are answered by position: a verdict, a marked link, a repeat, nothing for a link not judged', () => {
    // checkInbox's entry for a message (src/answer.rs): one slot per link the page sent.
    const { input: _, ...marked } = cautionLink('https://buyer.example/', 'buyer.example');
    const answer = { verdict: 'safe', links: ['safe', marked, 0, null, 1, 7, 'invalid'] };
    const e = messageEntry(table, nameOf, answer);
    assert.equal(e.links.length, answer.links.length, 'one entry per link sent');
    assert.equal(e.links[0], 'safe');
    assert.equal(e.links[1].verdict, 'caution');
    assert.deepEqual(e.links[1].why, ['Leads off Alibaba.com: buyer.example is not one of its addresses.']);
    assert.equal(e.links[2], 'safe', 'a repeated link gets the entry of its first');
    assert.equal(e.links[3], null, 'no report, nothing drawn');
    assert.equal(e.links[4], e.links[1], 'a repeated marked link shares its entry (counted once)');
    assert.equal(e.links[5], null, 'a reference that does not point back is ignored');
    assert.equal(e.links[6], 'invalid');
    assert.equal(e.lines, undefined, 'a safe message has no banner');
  });

  test('a caution mark says why in the seller words, skipping reasons that warn of nothing', () => {
    const e = linkEntry(table, nameOf, cautionLink('https://buyer.example/', 'buyer.example'));
    assert.deepEqual(e, { verdict: 'caution', host: 'buyer.example', why: ['Leads off Alibaba.com: buyer.example is not one of its addresses.'] });
  });

  test('a danger link carries what its dialog shows: the platform imitated, the real destination, a few reasons', () => {
    const e = linkEntry(table, nameOf, dangerLink);
    assert.equal(e.imitates, 'Alibaba.com');
    assert.equal(e.destination, 'alibaba.com.verify-account3.top:8443');
    assert.equal(e.why.length, 2, 'the info-level reason is left out');
    assert.match(e.why[0], /hides alibaba\.com inside a different address/);
  });

  test('a flagged message gets its headline, lines, quoted cues and evidence spans once each', () => {
    const report = {
      verdict: 'danger',
      score: 100,
      categories: ['off_platform_contact', 'credential_phishing'],
      reasons: [
        { code: 'dangerous_link', severity: 'danger', message: 'a link to x is dangerous', params: { host: 'alibaba.com.verify-account3.top' }, span: { start: 30, end: 40 } },
        { code: 'lure', severity: 'danger', message: 'a fake notice: log in', params: { evidence: 'log in' }, span: { start: 10, end: 16 } },
        { code: 'lure', severity: 'danger', message: 'a fake notice: log in', params: { evidence: 'log in' }, span: { start: 10, end: 16 } },
        { code: 'urgency', severity: 'info', message: 'pressure', params: { evidence: 'unless you respond' }, span: { start: 50, end: 68 } },
        { code: 'threat', severity: 'info', message: 'a threat', params: { evidence: 'log in' }, span: { start: 10, end: 16 } },
      ],
      links: [dangerLink],
    };
    const e = messageEntry(table, nameOf, report);
    assert.equal(e.headline, 'headline_credential_phishing', 'the most harmful category names the banner');
    assert.deepEqual(e.advice, ['credential_phishing', 'off_platform_contact'], 'advice most harmful first');
    assert.deepEqual(e.categories, report.categories);
    assert.deepEqual(e.lines, [
      { text: 'It links to alibaba.com.verify-account3.top, a fake or dangerous site.', ev: true },
      { text: 'It uses the wording of a known scam: “log in”.', ev: true },
      { text: 'Also typical of this scam: “unless you respond”.', ev: true },
    ], 'a repeated reason once; a cue already quoted in a line is not quoted again');
    assert.deepEqual(e.spans, [[30, 40, 1], [10, 16, 1], [50, 68, 0], [10, 16, 0]]);
  });

  test('a safe message carries nothing to draw', () => {
    const report = { verdict: 'safe', score: 0, categories: [], reasons: [{ code: 'lure', severity: 'info', message: 'x', params: { evidence: 'y' }, span: { start: 0, end: 1 } }], links: [] };
    assert.deepEqual(messageEntry(table, nameOf, report), { verdict: 'safe', links: [] });
  });
});

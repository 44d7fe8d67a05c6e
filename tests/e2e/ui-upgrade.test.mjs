// Settings survive an upgrade. Chromium cannot upgrade an extension loaded from the command
// line in place (chrome.runtime.reload() unloads it for good), so the code that runs on
// runtime.onInstalled — extension/background/settings.js migrate() — runs here in Node,
// against an in-memory chrome.storage.local holding what an older version stored.

import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

const area = new Map();
globalThis.chrome = {
  storage: {
    local: {
      async get(keys) {
        if (keys === null) return Object.fromEntries(area);
        const list = Array.isArray(keys) ? keys : [keys];
        return Object.fromEntries(list.filter((k) => area.has(k)).map((k) => [k, structuredClone(area.get(k))]));
      },
      async set(obj) {
        for (const [k, v] of Object.entries(obj)) area.set(k, structuredClone(v));
      },
      async remove(k) {
        area.delete(k);
      },
      async clear() {
        area.clear();
      },
    },
  },
};

const store = await import('../../extension/background/settings.js');

describe('settings on install and upgrade', () => {
  beforeEach(() => area.clear());

  test('an upgrade keeps every setting, fingerprint and the salt', async () => {
    const saved = {
      platforms: ['alibaba', 'amazon'],
      protectedDomains: ['hengda-flange.example'],
      trustedDomains: ['partner-bank.example'],
      language: 'zh_CN',
      reuseWatch: true,
      paused: ['message.alibaba.com'],
    };
    const fp = { platform: 'alibaba', salt: '00'.repeat(16), hash: 'abcdef0120', length: 12, iterations: 20000, format: 1 };
    area.set('settings', saved);
    area.set('fingerprints', [fp]);
    area.set('salt', 'ab'.repeat(16));
    area.set('dismissed', { '0123456789abcdef0123456789abcdef': 1 });
    await store.migrate('update');
    const s = area.get('settings');
    for (const [k, v] of Object.entries(saved)) assert.deepEqual(s[k], v, k);
    assert.deepEqual(area.get('fingerprints'), [fp]);
    assert.equal(area.get('salt'), 'ab'.repeat(16), 'the salt is never regenerated');
    assert.deepEqual(area.get('dismissed'), { '0123456789abcdef0123456789abcdef': 1 });
    assert.equal(area.get('reuseOn'), true);
  });

  test('values of the wrong type from an older version are dropped, not fatal', async () => {
    area.set('settings', { trustedDomains: 'example.com', language: 'fr', reuseWatch: 'yes', platforms: 'all' });
    await store.migrate('update');
    const s = area.get('settings');
    assert.deepEqual(s.trustedDomains, []);
    assert.equal(s.language, 'auto');
    assert.equal(s.reuseWatch, false);
    assert.equal(s.platforms, null);
  });

  test('a fresh install gets defaults and one random salt', async () => {
    await store.migrate('install');
    assert.deepEqual(area.get('settings'), { ...store.DEFAULTS });
    const salt = area.get('salt');
    assert.match(salt, /^[0-9a-f]{32}$/);
    await store.migrate('update');
    assert.equal(area.get('salt'), salt);
  });

  test('an import with unknown or mistyped fields is refused with a reason', () => {
    assert.equal(store.importShapeError({ trusted: [] }), 'unknown setting "trusted"');
    assert.match(store.importShapeError({ trustedDomains: 'a.com' }), /trustedDomains/);
    assert.match(store.importShapeError({ language: 'xx' }), /language/);
    assert.equal(store.importShapeError({ trustedDomains: ['a.com'], language: 'en', sellershield: 'settings' }), null);
    assert.equal(store.importShapeError([]), 'not a settings object');
  });
});

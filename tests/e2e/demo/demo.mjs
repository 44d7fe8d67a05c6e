// The demo inbox: which fixture files are served under which real host names, and what
// SellerShield should make of them. Used by scripts/run.sh (tests/e2e/demo/run-demo.mjs) and the
// end-to-end tests, so the demo a person watches and the tests that guard it cannot drift apart.

import { join } from 'node:path';

const SITES = join(import.meta.dirname, 'sites');

export const INBOX_HOST = 'message.alibaba.com';
export const INBOX_PATH = '/message/default.htm';
export const INBOX_URL = `https://${INBOX_HOST}${INBOX_PATH}`;

/** The page the phishing links lead to, under both lookalike hosts the demo links to. */
export const FAKE_LOGINS = [
  { host: 'alibaba.com.verify-account.top', path: '/login' },
  { host: 'a1ibaba-secure-login.com', path: '/newlogin/icbuLogin.htm' },
];
const FAKE_LOGIN_FILE = join(SITES, 'alibaba.com.verify-account.top', 'login', 'index.html');

/** Links in the demo inbox and the verdict each must get in the alibaba context. */
export const EXPECTED_LINKS = [
  { msg: '1001', host: 'www.alibaba.com', verdict: 'safe', why: 'a product page on the genuine platform' },
  { msg: '1002', host: 'alibaba.com.verify-account.top', verdict: 'danger', why: 'brand in a subdomain of an unrelated domain' },
  { msg: '1003', host: 'a1ibaba-secure-login.com', verdict: 'danger', why: 'a lookalike (1 for l) of alibaba.com' },
  { msg: '1004', host: 'www.ferreteria-andina.cl', verdict: 'caution', why: "a buyer's own website: leaves Alibaba.com" },
];

/** Registers the demo's pages on a FixtureServer. */
export function serveDemo(server) {
  server.serveDir(INBOX_HOST, join(SITES, INBOX_HOST));
  for (const { host, path } of FAKE_LOGINS) server.serveFile(host, path, FAKE_LOGIN_FILE);
  return server;
}

// Benchmark inputs, made deterministically so every run (and the page and Node) judges the same
// work. The mix is what a seller's inbox links to: mostly the platform itself and buyers' own
// sites, some popular services, and the tricks scams use (lookalikes, brand in a subdomain,
// IDN homographs, raw IPs, userinfo, shorteners, free hosting, long tracking redirects).
// Every URL differs from the others, so no cache inside the engine can flatter the numbers.

const WORDS = ['acme', 'nordic', 'andina', 'weber', 'delta', 'sunrise', 'atlas', 'pioneer', 'vector', 'orbit', 'harbor', 'summit'];
const TLDS = ['de', 'com.br', 'co.uk', 'cl', 'pl', 'com.tr', 'fr', 'it', 'com.au', 'ca', 'nl', 'es', 'co.za', 'com.mx', 'in'];

function pick(list, i) {
  return list[i % list.length];
}

function token(i, n) {
  let s = '';
  let x = (i + 1) * 2654435761;
  while (s.length < n) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[x % 64];
  }
  return s;
}

const KINDS = [
  (i) => `https://www.alibaba.com/product-detail/Stainless-Flange-${i}_${1600000000000 + i}.html`,
  (i) => `https://www.alibaba.com/product-detail/Weld-Neck-${i}_${1601000000000 + i}.html?spm=a2700.${i}`,
  (i) => `https://message.alibaba.com/message/default.htm?id=${i}#feedback`,
  (i) => `https://www.aliexpress.com/item/${1005000000000 + i}.html`,
  (i) => `https://www.${pick(WORDS, i)}-${pick(WORDS, i >> 3)}.${pick(TLDS, i)}/products/${i}`,
  (i) => `https://${pick(WORDS, i >> 2)}${i % 97}.${pick(TLDS, i >> 1)}/`,
  (i) => `https://www.${pick(WORDS, i >> 1)}-trading.com/about-us?ref=${i}`,
  (i) => `https://www.linkedin.com/in/buyer-${i}`,
  (i) => `https://github.com/${pick(WORDS, i)}/repo-${i}`,
  (i) => `https://wa.me/49151${String(1000000 + i).slice(-7)}`,
  (i) => `https://bit.ly/3${token(i, 6)}`,
  (i) => `https://alibaba.com.verify-account${i % 7}.top/login?r=${i}`,
  (i) => `https://a1ibaba-secure-login${i % 5}.com/newlogin/icbuLogin.htm?i=${i}`,
  (i) => `https://www.\u0430libaba.com/login?i=${i}`,
  (i) => `http://185.22.${i % 255}.10/alibaba/login.php?i=${i}`,
  (i) => `https://www.alibaba.com@secure-${i % 9}.xyz/remittance`,
  (i) => `https://alibaba-remit-${i % 13}.web.app/view?i=${i}`,
  (i) => `https://click.mail-tracker.net/ls/click?upn=${token(i, 320)}`,
  (i) => `https://sellercentral.amazon.de/messaging/inbox?i=${i}`,
  (i) => `mailto:buyer${i}@gmail.com`,
];

/** `n` links as the content script sends them: {url, text, platform}. */
export function links(n, platform = 'alibaba') {
  const out = [];
  for (let i = 0; i < n; i++) {
    const url = KINDS[i % KINDS.length](i);
    // Every fourth link shows a URL as its text, as scams do to hide the real destination.
    const text = i % 4 === 0 ? `https://www.alibaba.com/${pick(WORDS, i)}` : `link ${i}`;
    out.push({ url, text, platform });
  }
  return out;
}

const PARAGRAPHS = [
  'Dear sales team, we are a distributor of pipe fittings and would like a quotation for 2,000 pcs of DN50 PN16 weld neck flanges in 316L, EN 1092-1 type 11. Please quote FOB Ningbo and CIF Hamburg and state lead time, MOQ and packing.',
  'Our company has made a wire transfer to your registered bank account. Please log in with your account through the link below to view the remittance slip; unless you respond immediately the information shall be deemed correct and binding on you.',
  'Hello, I am very interested in your products and want to visit your factory. Please send me an invitation letter with my passport details so I can apply for a business visa.',
  'We detected an unusual sign-in to your supplier account. Verify your account within 24 hours or your products will be removed and your store closed.',
  'Payment terms: T/T 30% deposit, 70% against copy of B/L. Please send your bank details on company letterhead; note that our bank details have changed and the new account is below.',
  'Could you tell me the price for 500 units and for 5,000 units, and your best price for a long-term contract? We compare several suppliers this week.',
];

/** One message of about `bytes` bytes, with a handful of links in text and HTML. */
export function message(bytes = 10240, seed = 0, platform = 'alibaba') {
  let text = '';
  let i = seed;
  while (text.length < bytes) {
    text += `${PARAGRAPHS[i % PARAGRAPHS.length]} `;
    if (i % 5 === 2) text += `See https://www.${pick(WORDS, i)}-${pick(WORDS, i + 3)}.${pick(TLDS, i)}/catalogue/${i} for details. `;
    i++;
  }
  text = text.slice(0, bytes);
  const ls = links(8).map((l, k) => ({ href: KINDS[(seed + k * 3) % KINDS.length](seed + k), text: l.text }));
  return { text, links: ls, platform };
}

/**
 * The inbox benchmark's batch as the inbox script sends it to the engine (`checkInbox`): 200
 * messages of about 600 bytes with 10 links each, each text followed by a line of its links'
 * shown texts joined with " · ", which is how the script reads the benchmark's inbox page.
 */
export function inboxBatch(messages = 200, perMessage = 10) {
  const ls = links(messages * perMessage);
  return Array.from({ length: messages }, (_, m) => {
    const mine = ls.slice(m * perMessage, (m + 1) * perMessage);
    return {
      text: `${message(600, m).text}\n${mine.map((l) => l.text).join(' · ')}`,
      links: mine.map((l) => ({ href: l.url, text: l.text })),
      sender: { name: `Buyer ${m}` },
    };
  });
}

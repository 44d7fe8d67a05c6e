// What the inbox script is told about a batch of messages: the engine's answer reduced to what
// it draws, already in the seller's words.
//
// The engine answers an inbox with `checkInbox` (src/answer.rs): per message its verdict and
// one entry per link the page sent, by position (a verdict string for a link that gets no
// mark, null for one not judged, the index of an earlier entry for a repeat, a small report
// for a marked link); for a flagged message its categories and reasons with their spans
// already in UTF-16 offsets of the text sent. No URL travels back and no report of a safe
// message or link. What is left here is the wording: reason texts are formatted in the
// worker (with the same `format` the pages use) rather than shipped as code + parameters for
// the page to format, and only the lines a banner or mark shows are kept.

import '../content/common.js';

const SS = globalThis.SellerShield;

/** Scam categories, most harmful first: the first one present names the banner. */
export const CATEGORY_ORDER = [
  'credential_phishing', 'account_takeover', 'fake_payment_proof', 'bank_detail_change', 'malicious_attachment',
  'extortion', 'fee_scam', 'investment_scam', 'invitation_letter', 'off_platform_contact', 'competitor_probe',
];
/** Reasons that explain a verdict but are not a warning of their own. */
const QUIET_CODES = new Set(['genuine_platform', 'trusted_domain', 'redirect', 'punycode']);
/** A banner lists this many reasons, then the quoted cues; a danger dialog this many. */
const BANNER_LINES = 5;
const BANNER_CUES = 4;
const DIALOG_REASONS = 3;

const isFlagged = (verdict) => verdict === 'caution' || verdict === 'danger';
const warns = (r) => !QUIET_CODES.has(r.code) && r.severity !== 'info';

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * A judged link as the page draws it: the verdict alone when nothing is drawn for it; for a
 * marked link its host and the reasons of a warning (the first is the mark's summary, the
 * first few the danger dialog's list), the platform it imitates and where a redirect leads.
 */
export function linkEntry(table, platformName, l) {
  if (!isFlagged(l.verdict)) return l.verdict;
  const shown = l.reasons.filter(warns);
  const why = (shown.length ? shown : l.reasons.slice(0, 1)).slice(0, l.verdict === 'danger' ? DIALOG_REASONS : 1);
  const e = { verdict: l.verdict, host: l.host || null, why: why.map((r) => SS.reasonText(table, r)) };
  if (l.verdict === 'danger') {
    const genuine = l.reasons.find((r) => r.params && r.params.genuine);
    if (l.impersonates) e.imitates = platformName(l.impersonates) || (genuine && genuine.params.genuine) || l.impersonates;
    if (l.destination) e.destination = hostOf(l.destination) || l.host || null;
  }
  return e;
}

/** The banner's headline: the most harmful scam named, else what made it a warning. */
function headlineKey(report) {
  const first = CATEGORY_ORDER.find((c) => report.categories.includes(c)) || report.categories[0];
  if (first) return `headline_${first}`;
  if (report.reasons.some((r) => r.code === 'dangerous_link')) return 'headline_dangerous_link';
  return report.verdict === 'danger' ? 'headline_danger' : 'headline_caution';
}

/**
 * The reasons worth a line: every caution or danger reason once. Info-level cues that point
 * at words (a pretext, a pressure phrase) are highlighted in the message and quoted together
 * on one last line, so five cues do not become five bullets. `ev` marks a line whose evidence
 * is highlighted.
 */
function bannerLines(table, report) {
  const seen = new Set();
  const lines = [];
  const cues = [];
  for (const r of report.reasons) {
    if (QUIET_CODES.has(r.code)) continue;
    if (r.severity === 'info') {
      const ev = r.params && r.params.evidence;
      if (ev && !cues.includes(ev)) cues.push(ev);
      continue;
    }
    const text = SS.reasonText(table, r);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push({ text, ev: !!r.span });
  }
  const out = lines.slice(0, BANNER_LINES);
  const quoted = cues.filter((c) => !out.some(({ text }) => text.includes(c))).slice(0, BANNER_CUES);
  if (quoted.length) out.push({ text: SS.t(table, 'banner_cues', { cues: quoted.map((c) => `“${c}”`).join(', ') }), ev: true });
  return out;
}

/** Evidence to highlight: [start, end, danger?] spans of the text (UTF-16 offsets), each once. */
function evidenceSpans(report) {
  const out = [];
  const seen = new Set();
  for (const r of report.reasons) {
    const s = r.span;
    if (!s || s.end <= s.start) continue;
    const danger = r.severity === 'danger' ? 1 : 0;
    const key = `${s.start}:${s.end}:${danger}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([s.start, s.end, danger]);
  }
  return out;
}

/**
 * One message's answer, from its `checkInbox` entry: `links` has one entry for each link the
 * page sent (null when the engine did not judge it: an empty link, or one it took for a
 * repeat); a link sent twice shares one entry.
 */
export function messageEntry(table, platformName, answer) {
  const sent = Array.isArray(answer.links) ? answer.links : [];
  const links = new Array(sent.length);
  for (let i = 0; i < sent.length; i++) {
    const l = sent[i];
    if (typeof l === 'number') links[i] = l >= 0 && l < i ? links[l] : null;
    else if (l && typeof l === 'object') links[i] = linkEntry(table, platformName, l);
    else links[i] = typeof l === 'string' ? l : null;
  }
  const out = { verdict: answer.verdict, links };
  if (!isFlagged(answer.verdict)) return out;
  const report = { verdict: answer.verdict, categories: answer.categories || [], reasons: answer.reasons || [] };
  out.categories = report.categories;
  out.advice = CATEGORY_ORDER.filter((c) => report.categories.includes(c));
  out.headline = headlineKey(report);
  out.lines = bannerLines(table, report);
  out.spans = evidenceSpans(report);
  return out;
}

export { isFlagged };

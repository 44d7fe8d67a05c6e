// What the service worker decides about a batch of an inbox's messages.
//
// The engine answers an inbox batch with `checkInbox` (src/answer.rs): each message's verdict,
// the count of caution and danger links, and the JSON text the page draws from (a table of
// distinct reasons and marked links referred to by index, banners' parts by message). The
// worker passes that text on untouched, as one string (cheap to send; 200 messages as objects
// were ~0.5 MB serialised twice), and the page words it in the seller's language
// (content/common.js `inboxAnswer`). What stays here is what only the worker knows: which
// flagged messages the seller said were not a scam, and the badge's counts.

/** A verdict that draws a banner or a mark. */
export const isFlagged = (verdict) => verdict === 'caution' || verdict === 'danger';

/**
 * The indices of the flagged messages the seller dismissed ("This is not a scam"), in order.
 * `dismissed` is the stored set of message ids; `idOf(text)` makes a message's id. Only when
 * something was dismissed are the request's texts read back and hashed.
 */
export async function dismissedOf(verdicts, requestText, idOf, dismissed) {
  if (!dismissed || !Object.keys(dismissed).length || !verdicts.some(isFlagged)) return [];
  let messages;
  try {
    messages = JSON.parse(requestText);
  } catch {
    return [];
  }
  if (!Array.isArray(messages)) return [];
  const ids = await Promise.all(verdicts.map((v, i) => (isFlagged(v) ? idOf(String((messages[i] && messages[i].text) || '')) : null)));
  const out = [];
  ids.forEach((id, i) => {
    if (id && dismissed[id]) out.push(i);
  });
  return out;
}

/**
 * Adds a batch to a tab's counts: every message, every marked link (once per message), and
 * each caution or danger message the seller has not dismissed.
 */
export function tally(counts, verdicts, markedLinks, dismissedIndices) {
  const gone = new Set(dismissedIndices);
  counts.messages += verdicts.length;
  counts.links += Number(markedLinks) || 0;
  verdicts.forEach((v, i) => {
    if (isFlagged(v) && !gone.has(i)) counts[v]++;
  });
}

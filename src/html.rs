//! Native HTML reading for the CLI: message parts and saved pages. (Being written.)

use crate::page::PageFacts;

/// Gathers `PageFacts` from saved HTML, as the content script would in a browser.
pub fn page_facts(url: &str, _html: &str) -> PageFacts {
    PageFacts { url: url.to_string(), ..PageFacts::default() }
}

//! Link tricks: ways a URL hides where it goes. (Being written.)

use crate::domain::HostInfo;
use crate::engine::Engine;
use crate::reason::Findings;

pub fn check_host_tricks(_e: &Engine, _raw: &str, _url: &url::Url, _info: &HostInfo, _impersonation: bool, _f: &mut Findings) {}
pub fn check_url_tricks(_e: &Engine, _raw: &str, _url: &url::Url, _info: &HostInfo, _genuine: Option<usize>, _trusted: bool, _f: &mut Findings) {}
pub fn check_shown_text(_e: &Engine, _text: &str, _info: &HostInfo, _genuine: Option<usize>, _imp: &mut Option<String>, _f: &mut Findings) {}
pub fn redirect_target(_e: &Engine, _url: &url::Url, _info: &HostInfo) -> Option<(String, bool)> { None }

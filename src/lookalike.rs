//! Lookalikes: hosts made to be mistaken for a protected platform's domain.
//! (Being written: skeletons, edit distance, embedding, combosquatting.)

use crate::domain::HostInfo;
use crate::engine::{Engine, Settings};
use crate::registry::Registry;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookalikeKind {
    Skeleton,
    EditDistance,
    Transposition,
    TldSwap,
    Embedding,
    BrandInSubdomain,
    Combosquat,
    FreeHosting,
    MixedScript,
    WholeScript,
    ProtectedDomain,
}

#[derive(Clone, Debug)]
pub struct Lookalike {
    pub kind: LookalikeKind,
    pub platform: Option<usize>,
    pub genuine_domain: String,
    pub detail: Option<String>,
}

impl Lookalike {
    pub fn target_label(&self, engine: &Engine) -> String {
        match self.platform {
            Some(i) => engine.registry().platforms[i].id.clone(),
            None => self.genuine_domain.clone(),
        }
    }
    pub fn explain(&self, info: &HostInfo) -> String {
        format!("{} looks like {}", info.unicode, self.genuine_domain)
    }
}

#[derive(Debug, Default)]
pub struct Lookalikes {}

impl Lookalikes {
    pub fn new(_registry: &Registry, _settings: &Settings) -> Lookalikes {
        Lookalikes {}
    }
    pub fn find(&self, _engine: &Engine, _info: &HostInfo) -> Option<Lookalike> {
        None
    }
}

//! waypost models a learning and training framework as a graph and checks whether a
//! curriculum covers it.

pub mod model;

pub use model::crosswalk::{Crosswalk, CrosswalkLink, MatchKind, Unmapped};
pub use model::curriculum::{Assessment, Curriculum, Mapping, Module, Unit, UnitKind};
pub use model::framework::{
    Activity, Domain, Framework, Link, LinkType, Provenance, Purpose, PurposeKind, Quotation,
    Resource, ResourceKind, Source, Statement,
};
pub use model::policy::{Policy, Requirement, Scope, Share};
pub use model::OneOrMany;

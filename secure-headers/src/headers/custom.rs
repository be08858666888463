//! TODO: custom

//! TODO: cross_origin

//! TODO: cache_control

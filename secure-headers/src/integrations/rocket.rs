//! rocket

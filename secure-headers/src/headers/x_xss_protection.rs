//! TODO: x_xss_protection

//! TODO: x_dns_prefetch_control

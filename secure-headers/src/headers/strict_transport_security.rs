//! TODO: strict_transport_security

//! TODO: x_permitted_cross_domain_policies

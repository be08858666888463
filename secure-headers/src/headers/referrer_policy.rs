//! TODO: referrer_policy

//! TODO: origin_agent_cluster

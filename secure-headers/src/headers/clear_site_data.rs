//! TODO: clear_site_data

//! TODO: x_content_type_options

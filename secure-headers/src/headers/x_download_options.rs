//! TODO: x_download_options

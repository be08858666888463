//! TODO: x_frame_options

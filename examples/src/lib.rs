//! Runnable servers showing `secure-headers` in each supported web framework: see the files in `examples/`.

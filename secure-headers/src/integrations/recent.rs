//! The overrides a middleware converted to its framework's header types (actix-web's,
//! Rocket's), kept for the next response: handlers attach overrides derived once at
//! start-up, so the same few come back again and again.

/// Up to [`Recent::KEPT`] converted overrides, the oldest dropped first.
#[derive(Debug)]
pub(crate) struct Recent<P>(Vec<P>);

impl<P> Default for Recent<P> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<P: Clone> Recent<P> {
    /// How many distinct overrides are kept converted.
    pub(crate) const KEPT: usize = 8;

    /// How many are kept now.
    #[cfg(all(test, feature = "actix-web"))]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The kept one that `is` picks, else what `make` converts, kept for next time.
    /// `None` if `make` cannot convert it (nothing is kept then).
    pub(crate) fn get_or_make(
        &mut self,
        is: impl Fn(&P) -> bool,
        make: impl FnOnce() -> Option<P>,
    ) -> Option<P> {
        if let Some(p) = self.0.iter().find(|p| is(p)) {
            return Some(p.clone());
        }
        let made = make()?;
        if self.0.len() == Self::KEPT {
            self.0.remove(0);
        }
        self.0.push(made.clone());
        Some(made)
    }
}

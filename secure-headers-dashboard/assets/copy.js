// Copy buttons of the secure-headers reports dashboard. Loaded with the page's nonce; it
// uses no DOM sink that Trusted Types guards (no innerHTML, no eval, no string timers).
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "Copied";
    } catch (_) {
      // No clipboard (not a secure context, or refused): the text is selected, Ctrl+C copies it.
      button.textContent = "Selected: press Ctrl+C";
    }
  });
}

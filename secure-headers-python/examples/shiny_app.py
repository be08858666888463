"""Shiny for Python with secure_headers: its own preset (``secure_headers.shiny.preset``),
which allows the inline scripts Shiny writes into its pages by their hashes.

Run: ``uvicorn shiny_app:app --port 8000`` in this directory (or ``python shiny_app.py``).
"""

from __future__ import annotations

import os
from typing import Any

from shiny import App, render, ui

import secure_headers.shiny

app_ui = ui.page_fluid(
    ui.h2("secure_headers + Shiny"),
    ui.input_slider("n", "N", 0, 100, 20),
    ui.output_text("doubled"),
)


def server(input: Any, output: Any, session: Any) -> None:
    @render.text
    def doubled() -> str:
        return f"n*2 is {input.n() * 2}"


shiny_app = App(app_ui, server)
# The headers of the preset made for Shiny (Balanced, with a CSP Shiny's pages can run under).
app = secure_headers.shiny.secure_app(shiny_app)

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))

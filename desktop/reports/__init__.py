"""Documents the app writes: minutes as PDF, and other reports."""

"""Forms of the logistics app, one module per noun."""

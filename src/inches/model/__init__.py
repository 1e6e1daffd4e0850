"""The model: pure numpy, never imports Qt."""

"""Reading, validating and writing scenario files; the shipped presets."""

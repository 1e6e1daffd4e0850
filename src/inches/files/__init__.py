"""Files: reading, validating and writing scenario files, the shipped presets, result tables,
and the one atomic writer every output goes through. Qt-free."""

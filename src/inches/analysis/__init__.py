"""Analyses built on the engine: sensitivity, strategy map, budget mix, calibration."""

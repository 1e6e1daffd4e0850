"""The analysis window: sensitivity, strategy map, budget mix and calibration, as tabs."""

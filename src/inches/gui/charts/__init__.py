"""The chart area: tabs of pyqtgraph plots fed with results (made once, fed with setData)."""

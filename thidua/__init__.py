"""thidua: Vietnamese emulation-and-commendation news as a linked-data knowledge graph."""

__version__ = "0.1.0"

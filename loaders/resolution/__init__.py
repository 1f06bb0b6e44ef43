"""The parts of entity resolution: jurisdictions, name normalisation, decisions, records.

`thidua.loaders.resolve.Resolver` puts them together.
"""

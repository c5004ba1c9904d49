"""Places: an offline GeoNames gazetteer and name lookup."""

"""Reading: the read model, the cross-reference index, the outline, figures, text matching and
dates in the era."""

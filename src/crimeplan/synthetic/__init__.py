"""Documented generators of realistic synthetic data, for the demo and tests where real data
cannot be shipped (survey microdata: `crimeplan.synthetic.survey`)."""

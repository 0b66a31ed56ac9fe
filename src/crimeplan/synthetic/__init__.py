"""Documented generators of realistic synthetic data with known answers, for the demo and tests
where real data cannot be shipped: survey microdata (`crimeplan.synthetic.survey`) and a
consultation (`crimeplan.synthetic.consultation`)."""

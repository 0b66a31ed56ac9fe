"""Measures: the rules (periods, RAG, direction, signals, intervals) and the one service
every face calls (`crimeplan.measures.service`)."""

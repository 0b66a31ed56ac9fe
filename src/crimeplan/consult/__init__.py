"""Consultations: the consultation file, intake of survey answers and written responses,
personal-data redaction, closed-question results and the respondent register."""

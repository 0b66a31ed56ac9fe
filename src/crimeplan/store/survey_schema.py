"""The analytical store's survey tables (issue 5). The lead appends `SURVEY_SCHEMA_SQL` to the
schema; until then `crimeplan.ingest.survey` applies it itself (every statement is idempotent).

Answers are stored long (one row per respondent and question), so any question can be a
measure without a schema change.
"""

CHARACTERISTICS = ("age_band", "sex", "ethnic_group", "disability", "sexual_orientation")
"""Protected characteristics recorded per respondent (columns of survey_respondents), each a
possible breakdown of a survey measure."""

SURVEY_SCHEMA_SQL = """
-- One row per survey respondent (PAS-style microdata), keyed by survey and respondent id.
CREATE TABLE IF NOT EXISTS survey_respondents (
    survey             VARCHAR NOT NULL,   -- e.g. pas
    respondent_id      VARCHAR NOT NULL,
    interview_date     DATE NOT NULL,
    month              DATE NOT NULL,      -- first day of the interview month
    borough_code       VARCHAR NOT NULL,   -- ONS E09 code
    ward_code          VARCHAR,            -- ONS E05 code, where released
    age_band           VARCHAR,
    sex                VARCHAR,
    ethnic_group       VARCHAR,
    disability         VARCHAR,
    sexual_orientation VARCHAR,
    weight             DOUBLE NOT NULL,    -- survey (design x calibration) weight, > 0
    file_id            BIGINT NOT NULL,
    PRIMARY KEY (survey, respondent_id)
);

-- Each respondent's answer to each question, as the answer text (after any recode).
CREATE TABLE IF NOT EXISTS survey_answers (
    survey        VARCHAR NOT NULL,
    respondent_id VARCHAR NOT NULL,
    question      VARCHAR NOT NULL,
    answer        VARCHAR NOT NULL,
    PRIMARY KEY (survey, respondent_id, question)
);

-- Published survey tables (area, period, measure, percentage, base), optionally by group.
CREATE TABLE IF NOT EXISTS survey_published (
    area_code      VARCHAR NOT NULL,
    period         VARCHAR NOT NULL,       -- as written: 2021-22, 2022-Q3, 2023-06 (R12)
    measure        VARCHAR NOT NULL,
    characteristic VARCHAR NOT NULL,       -- 'all' when not broken down
    group_name     VARCHAR NOT NULL,       -- 'all' when not broken down
    percentage     DOUBLE NOT NULL,
    base           BIGINT NOT NULL,        -- unweighted respondents
    file_id        BIGINT NOT NULL,
    PRIMARY KEY (area_code, period, measure, characteristic, group_name)
);
"""

"""The analytical store's tables. Each ingest source owns its tables; provenance is shared."""

from crimeplan.store.survey_schema import SURVEY_SCHEMA_SQL

SCHEMA_VERSION = 1

SCHEMA_SQL = (
    """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- One row per file ever ingested: what, where from, its checksum and its data vintage.
CREATE SEQUENCE IF NOT EXISTS file_id_seq START 1;
CREATE TABLE IF NOT EXISTS ingest_files (
    file_id     BIGINT PRIMARY KEY,
    source      VARCHAR NOT NULL,      -- police-uk | mps-crime | values | survey | ...
    name        VARCHAR NOT NULL,      -- file name as given
    path        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    rows        BIGINT NOT NULL,
    level       VARCHAR,               -- borough | ward | lsoa for area tables
    vintage     VARCHAR,               -- latest month the file contains, YYYY-MM
    ingested_at TIMESTAMP NOT NULL
);

-- data.police.uk street-level crime, one row per crime or ASB incident.
CREATE TABLE IF NOT EXISTS police_uk_crimes (
    crime_id     VARCHAR,
    month        DATE NOT NULL,
    reported_by  VARCHAR NOT NULL,
    falls_within VARCHAR NOT NULL,
    longitude    DOUBLE,
    latitude     DOUBLE,
    location     VARCHAR,
    lsoa_code    VARCHAR,
    lsoa_name    VARCHAR,
    crime_type   VARCHAR NOT NULL,
    last_outcome VARCHAR,
    context      VARCHAR,
    ward_code    VARCHAR,             -- from the LSOA (2021 best fit); NULL if not known
    borough_code VARCHAR,             -- from the LSOA, or its name for pre-2021 codes
    file_id      BIGINT NOT NULL
);
-- England and Wales (issue 18): the 2021 LSOA (a 2011 code by its best fit), its local
-- authority, Community Safety Partnership and Police Force Area; NULL where not known.
ALTER TABLE police_uk_crimes ADD COLUMN IF NOT EXISTS lsoa21_code VARCHAR;
ALTER TABLE police_uk_crimes ADD COLUMN IF NOT EXISTS lad_code VARCHAR;
ALTER TABLE police_uk_crimes ADD COLUMN IF NOT EXISTS csp_code VARCHAR;
ALTER TABLE police_uk_crimes ADD COLUMN IF NOT EXISTS force_code VARCHAR;

-- The Met's recorded-crime tables, one row per area, offence and month, at each level as
-- published (never rescaled to agree with another level).
CREATE TABLE IF NOT EXISTS mps_crime (
    level         VARCHAR NOT NULL,   -- borough | ward | lsoa
    area_code     VARCHAR NOT NULL,
    area_name     VARCHAR,
    borough_code  VARCHAR,
    offence_group VARCHAR NOT NULL,
    offence       VARCHAR NOT NULL,
    month         DATE NOT NULL,
    count         BIGINT NOT NULL,
    file_id       BIGINT NOT NULL
    -- unique on (level, area_code, borough_code, offence_group, offence, month), kept so by
    -- the loader; the ward tables publish Heathrow Villages under two boroughs.
);

-- Every published count that a newer publication changed.
CREATE TABLE IF NOT EXISTS mps_revisions (
    level         VARCHAR NOT NULL,
    area_code     VARCHAR NOT NULL,
    borough_code  VARCHAR,
    offence_group VARCHAR NOT NULL,
    offence       VARCHAR NOT NULL,
    month         DATE NOT NULL,
    old_count     BIGINT NOT NULL,
    new_count     BIGINT NOT NULL,
    old_file_id   BIGINT NOT NULL,
    new_file_id   BIGINT NOT NULL
);

-- Figures held elsewhere (MARAC referrals, figures copied from a published report ...).
CREATE TABLE IF NOT EXISTS measure_values (
    area_code   VARCHAR NOT NULL,
    period      VARCHAR NOT NULL,      -- as written: 2016-12, 2016-17-Q3, 2016-17
    measure     VARCHAR NOT NULL,
    numerator   DOUBLE NOT NULL,
    denominator DOUBLE,
    file_id     BIGINT NOT NULL,
    PRIMARY KEY (area_code, period, measure)
);

CREATE TABLE IF NOT EXISTS value_revisions (
    area_code     VARCHAR NOT NULL,
    period        VARCHAR NOT NULL,
    measure       VARCHAR NOT NULL,
    old_numerator DOUBLE, new_numerator DOUBLE,
    old_denominator DOUBLE, new_denominator DOUBLE,
    old_file_id   BIGINT NOT NULL,
    new_file_id   BIGINT NOT NULL
);
"""
    + SURVEY_SCHEMA_SQL
)

"""Areas, ONS codes, lookups LSOA -> ward -> borough -> force, populations and boundaries."""

from crimeplan.geo.areas import (
    AVIATION_CODE,
    CITY_BOROUGH_CODE,
    FORCE_CODE,
    RATE_CAVEATS,
    UNKNOWN_CODE,
    Area,
    Geography,
    data_dir,
)

__all__ = [
    "AVIATION_CODE",
    "CITY_BOROUGH_CODE",
    "FORCE_CODE",
    "RATE_CAVEATS",
    "UNKNOWN_CODE",
    "Area",
    "Geography",
    "data_dir",
]

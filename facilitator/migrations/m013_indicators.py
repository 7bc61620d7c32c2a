"""Where the plan lands: indicator values per neighbourhood (imported from CSV), a code per
neighbourhood (so files may name it by code), and the neighbourhoods' boundaries (GeoJSON)."""


def up(db):
    db.execute(
        """create table indicator_values (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        neighbourhood text not null,
        indicator text not null,
        year integer not null check (year between 1900 and 2200),
        value real not null,
        unit text not null default '',
        unique (conference_id, neighbourhood, indicator, year)
    )""")
    db.execute(
        """create table neighbourhood_codes (
        id integer primary key,
        conference_id integer not null references conferences(id) on delete cascade,
        neighbourhood text not null,
        code text not null,
        unique (conference_id, neighbourhood),
        unique (conference_id, code)
    )""")
    db.execute(
        """create table neighbourhood_boundaries (
        id integer primary key,
        conference_id integer not null unique references conferences(id) on delete cascade,
        geojson text not null default '{"type": "FeatureCollection", "features": []}' check (json_valid(geojson)),
        uploaded_at text not null
    )""")

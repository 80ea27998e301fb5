-- Reference data the hub hands to desks as data, without an app update: the working-day calendar in
-- force (a correction such as a new day-off transfer order). One row per kind: the newest installed.
create table reference_data (
  kind text primary key check (kind in ('calendar')),
  version text not null,
  body jsonb not null,
  installed_at timestamptz not null default now(),
  installed_by text not null
);

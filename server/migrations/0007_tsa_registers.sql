-- The registers of targeted-assistance (TSA/АӘК) recipients, uploaded at the district per okrug and
-- quarter (npm run hub -- tsa upload) and pulled by the desks of the okrug (and by the district
-- department's desks: every okrug of the district) as reference data. One row per (district, office,
-- quarter): the newest list, as a whole, replaces the one before.
--
-- `version` only grows within a district and is given in the order uploads commit (an upload locks
-- its district's row first), so a desk that asks for what is newer than the version it has never
-- skips an upload. An upload that names several quarters gives them one version.
-- `rows` holds the recipients checked by the shared parser (shared/tsa-register): iin, fullName,
-- familyMembers. Who uploaded it and when is kept here and in registry_log (without personal data).

create table tsa_registers (
  district_id text not null,
  office_id text not null,
  quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  version bigint not null check (version > 0),
  rows jsonb not null,
  row_count integer not null check (row_count >= 0),
  source text not null,
  uploaded_at timestamptz not null default now(),
  uploaded_by text not null,
  primary key (district_id, office_id, quarter),
  foreign key (district_id, office_id) references offices (district_id, id)
);

create index tsa_registers_version on tsa_registers (district_id, version);

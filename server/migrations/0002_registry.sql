-- Who is who at the district hub: districts, their offices (the okrugs' akimats and the district
-- department), the desks (devices) enrolled for an office, and the one-time codes that enroll them.
-- Ids are the ones every desk uses (shared/office identity): a district's id is its code (AKK), an
-- office's id comes from its code (office-kzl01) and is unique within its district.
-- Every change is also written to registry_log: who did what, when.

create table districts (
  id text primary key,
  name_kk text not null,
  name_ru text not null,
  created_at timestamptz not null default now(),
  created_by text not null
);

create table offices (
  district_id text not null references districts (id),
  id text not null,
  kind text not null check (kind in ('akimat', 'district')),
  code text not null,
  name_kk text not null,
  name_ru text not null,
  created_at timestamptz not null default now(),
  created_by text not null,
  primary key (district_id, id)
);

-- A code is kept only as its SHA-256: reading the table does not give a usable code.
create table enrollment_codes (
  code_hash text primary key,
  district_id text not null,
  office_id text not null,
  created_at timestamptz not null default now(),
  created_by text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_device text,
  foreign key (district_id, office_id) references offices (district_id, id)
);

-- A desk's number in its office is never given twice (a reinstalled laptop gets a new one), so the
-- registration numbers of the district's laptops never collide. The credential is kept as its SHA-256.
create table devices (
  id text primary key,
  district_id text not null,
  office_id text not null,
  device_no integer not null check (device_no between 1 and 99),
  credential_hash text not null unique,
  public_key jsonb not null,
  enrolled_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by text,
  unique (district_id, office_id, device_no),
  foreign key (district_id, office_id) references offices (district_id, id)
);

create table registry_log (
  seq bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  subject text not null,
  detail jsonb not null default '{}'
);

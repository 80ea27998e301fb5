-- Settings of this hub instance (its display name, the district it serves, …).
create table hub_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

insert into hub_settings (key, value) values ('name', '"Akimat Desk hub"');

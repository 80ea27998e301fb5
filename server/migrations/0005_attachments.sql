-- Scans (attachments) travel on their own channel: resumable tus 1.0 uploads, addressed by their
-- SHA-256 within a district (server/src/attachments). Nothing of an upload lives in a hub process: its
-- state and its bytes are rows here, so any hub process on this database continues any upload.
--
-- An upload is one desk's transfer of one scan: the hash it declared, its length, and how many bytes
-- arrived (upload_offset, moved in the same transaction as the chunk that moves it). When the last
-- byte is in, the bytes' SHA-256 is checked against the declared one: a mismatch drops the upload and
-- its bytes; a match makes it the district's copy of that scan, unless the district has one already
-- (then its bytes are dropped: a scan is stored once per district).

create table attachment_uploads (
  id text primary key,
  district_id text not null references districts (id),
  device_id text not null references devices (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  upload_offset bigint not null default 0 check (upload_offset >= 0 and upload_offset <= size),
  created_at timestamptz not null default now(),
  completed_at timestamptz
);

create index attachment_uploads_device on attachment_uploads (device_id);

-- The bytes of an upload, in pieces that start at chunk_offset; they follow one another exactly.
create table attachment_chunks (
  upload_id text not null references attachment_uploads (id) on delete cascade,
  chunk_offset bigint not null,
  bytes bytea not null,
  primary key (upload_id, chunk_offset)
);

-- The district's scans, one per hash; the bytes are the chunks of the upload that brought it first.
create table attachments (
  district_id text not null references districts (id),
  sha256 text not null,
  size bigint not null,
  upload_id text not null references attachment_uploads (id),
  stored_at timestamptz not null default now(),
  primary key (district_id, sha256)
);

-- A scan is fetched only by a desk that sees a case event naming it (Registered, AcceptanceRefused:
-- payload.attachments[].sha256); this index answers "does an event in this scope name this hash".
create index hub_events_attachments on hub_events
  using gin ((body -> 'payload' -> 'attachments') jsonb_path_ops)
  where stream = 'case';

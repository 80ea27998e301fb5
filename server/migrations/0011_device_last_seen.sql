-- When each desk (device) last synced with the hub: the district admin's screen shows it beside the
-- desk, so a laptop that stopped syncing is noticed (shared/sync/admin.ts lastSeenAtMs).
-- What must stay true:
-- - Null: the desk never pushed or pulled since this column came.
-- - Written by one conditional statement per push, pull or sync file (registry.ts markDeviceSeen), at
--   most once a minute per desk: a desk syncing in a loop does not rewrite its row on every request.
alter table devices add column last_seen_at timestamptz;

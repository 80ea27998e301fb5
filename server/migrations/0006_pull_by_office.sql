-- An akimat's desk pulls only its own office's events: walk them by office in (txid, seq) order
-- instead of reading past every other okrug's rows of the district.
create index hub_events_pull_office on hub_events (district_id, office_id, txid, seq);

-- The income figures (the poverty line, the subsistence minimum) the district installs as reference
-- data (shared/income figures.ts), kept like the calendar: one row of reference_data, the newest
-- installed. The kinds the table takes grow by one.
alter table reference_data drop constraint reference_data_kind_check;
alter table reference_data add constraint reference_data_kind_check
  check (kind in ('calendar', 'figures'));

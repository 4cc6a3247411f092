-- stream order in the log, fenced subscription checkpoints, indexes for filtered reads
-- A subscription's fencing epoch: an instance that takes over increments
-- it, and a checkpoint is saved only under the epoch its instance took,
-- in the transaction of the instance's effect. A stale instance's commit
-- fails and takes its effect with it.
ALTER TABLE event_store.checkpoints ADD COLUMN epoch bigint NOT NULL DEFAULT 0;

-- Filtered reads of the global log, in log order, cost what the matching
-- events cost: one ordered index range per event type or per category.
CREATE INDEX events_type_log_order ON event_store.events (event_type, transaction_id, global_position);
CREATE INDEX events_category_log_order ON event_store.events ((split_part(stream_id, '-', 1)), transaction_id, global_position);

-- hash chain, append-only guards
-- The tamper-evident chain over the global log, in log order (seq). Each
-- entry's hash covers the event's canonical content and the previous hash.
CREATE TABLE event_store.chain (
  seq bigint PRIMARY KEY,
  global_position bigint NOT NULL UNIQUE,
  transaction_id xid8 NOT NULL,
  hash bytea NOT NULL
);
CREATE FUNCTION event_store.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_store.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
  FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER chain_append_only BEFORE UPDATE OR DELETE ON event_store.chain
  FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change();
CREATE TRIGGER chain_no_truncate BEFORE TRUNCATE ON event_store.chain
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change();

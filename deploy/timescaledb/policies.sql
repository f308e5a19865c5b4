-- Retention and compression of heartbeats on TimescaleDB (issue 7), applied by docker-compose's
-- db-policies service once the platform's migrations have made heartbeats a hypertable
-- (platform/src/db/migrate.ts). Both are the operator's settings, not policy articles:
--  * compress chunks older than 7 days, segmented by device and ordered by seq, so a device's
--    evidence for a certification window is read from one compressed segment;
--  * drop raw heartbeats after 3 years. What certification needs beyond that is kept in full:
--    device_days (the 5-minute bitmaps), chain_anchors (one signed heartbeat per device and day)
--    and the signed certification runs. A run whose window is older than the retention can still
--    be verified from its report and anchors, but no longer recomputed from raw heartbeats.
ALTER TABLE heartbeats SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id', timescaledb.compress_orderby = 'seq');
SELECT add_compression_policy('heartbeats', INTERVAL '7 days', if_not_exists => true);
SELECT add_retention_policy('heartbeats', INTERVAL '3 years', if_not_exists => true);

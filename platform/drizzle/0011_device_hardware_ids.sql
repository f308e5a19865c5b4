-- The hardware identifiers the platform derives from reported serials (enrollment/hardware-ids.ts):
-- a clone is any device sharing one with an earlier device, whatever fingerprint it reported.
CREATE TABLE "device_hardware_ids" (
	"hardware_id" text NOT NULL,
	"device_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_hardware_ids_pk" PRIMARY KEY("hardware_id","device_id")
);
--> statement-breakpoint
ALTER TABLE "device_hardware_ids" ADD CONSTRAINT "device_hardware_ids_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_hardware_ids_device_idx" ON "device_hardware_ids" USING btree ("device_id");--> statement-breakpoint
-- Devices enrolled before this migration: their identifiers from the inventory they enrolled with,
-- by the same rules as hardware-ids.ts (blanks collapsed and trimmed, serials upper-cased, UUIDs
-- lower-cased, placeholders and one repeated symbol dropped, hypervisor disks skipped).
INSERT INTO "device_hardware_ids" ("hardware_id", "device_id")
SELECT DISTINCT r.kind || ':' || r.v, r.device_id
  FROM (
    SELECT d.id AS device_id, 'system_serial' AS kind, upper(btrim(regexp_replace(coalesce(d.inventory->>'systemSerial', ''), '\s+', ' ', 'g'))) AS v FROM devices d
    UNION ALL
    SELECT d.id, 'board_serial', upper(btrim(regexp_replace(coalesce(d.inventory->>'boardSerial', ''), '\s+', ' ', 'g'))) FROM devices d
    UNION ALL
    SELECT d.id, 'system_uuid', lower(btrim(regexp_replace(coalesce(d.inventory->>'systemUuid', ''), '\s+', ' ', 'g'))) FROM devices d
    UNION ALL
    SELECT d.id, 'disk_serial', upper(btrim(regexp_replace(coalesce(disk->>'serial', ''), '\s+', ' ', 'g')))
      FROM devices d
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d.inventory->'disks') = 'array' THEN d.inventory->'disks' ELSE '[]'::jsonb END) AS disk
     WHERE coalesce(disk->>'model', '') !~* '(qemu|vbox|virtual|vmware|xen|kvm|msft|red hat|virtio)'
  ) AS r
 WHERE r.v <> ''
   AND lower(r.v) NOT IN ('to be filled by o.e.m.', 'to be filled by oem', 'default string', 'system serial number', 'base board serial number',
                          'chassis serial number', 'serial number', 'not specified', 'not applicable', 'not available', 'none', 'n/a', 'na',
                          'null', 'unknown', 'oem', 'o.e.m.', 'invalid', 'empty', '123456789', '0123456789', '1234567890',
                          '03000200-0400-0500-0006-000700080009')
   AND replace(r.v, '-', '') <> ''
   AND replace(r.v, '-', '') !~ '^(.)\1*$'
ON CONFLICT DO NOTHING;

-- Apply-once per (projection, event id): projections that handle the same event each apply it once.
-- The events applied so far were applied by the only read model there was, the case summary: they stay its applied set.
ALTER TABLE "read_models"."processed_events" ADD COLUMN "projection" text NOT NULL DEFAULT 'case-summary';--> statement-breakpoint
ALTER TABLE "read_models"."processed_events" ALTER COLUMN "projection" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "read_models"."processed_events" DROP CONSTRAINT "processed_events_pkey";--> statement-breakpoint
ALTER TABLE "read_models"."processed_events" ADD CONSTRAINT "processed_events_pkey" PRIMARY KEY("projection","event_id");

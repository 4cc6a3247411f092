CREATE SCHEMA "deadlines";
--> statement-breakpoint
CREATE TABLE "deadlines"."deadlines" (
	"deadline_id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"ambito" text NOT NULL,
	"rule" text NOT NULL,
	"due_on" date NOT NULL,
	"effective_due_on" date NOT NULL,
	"opened_by_event_id" uuid NOT NULL,
	"opened_by_type" text NOT NULL,
	"opened_on" date NOT NULL,
	"awaited" text[] NOT NULL,
	"status" text NOT NULL,
	"closed_by_event_id" uuid,
	"closed_by_type" text,
	"closed_on" date,
	"missed_event_id" uuid,
	"detected_on" date
);
--> statement-breakpoint
CREATE TABLE "deadlines"."log_positions" (
	"projection" text PRIMARY KEY NOT NULL,
	"transaction_id" text NOT NULL,
	"global_position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadlines"."processed_events" (
	"projection" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_pkey" PRIMARY KEY("projection","event_id")
);
--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "deadlines"."deadlines" USING btree ("case_id","effective_due_on");--> statement-breakpoint
CREATE INDEX "deadlines_watch_idx" ON "deadlines"."deadlines" USING btree ("effective_due_on") WHERE missed_event_id IS NULL;
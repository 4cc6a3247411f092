CREATE SCHEMA "read_models";
--> statement-breakpoint
CREATE TABLE "read_models"."case_summaries" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"status" text,
	"ambito" text NOT NULL,
	"person_ref" text NOT NULL,
	"agencies" text[] NOT NULL,
	"last_event_type" text NOT NULL,
	"last_event_id" uuid NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"assessed_at" timestamp with time zone,
	"pact_signed_at" timestamp with time zone,
	"employment_referral_at" timestamp with time zone,
	"event_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "read_models"."processed_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_summaries_status_idx" ON "read_models"."case_summaries" USING btree ("status","last_event_at");
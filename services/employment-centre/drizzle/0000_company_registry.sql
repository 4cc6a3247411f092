CREATE SCHEMA IF NOT EXISTS "employment_centre";
--> statement-breakpoint
CREATE TABLE "employment_centre"."companies" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"vat_number" text,
	"legal_form" text NOT NULL,
	"ateco_code" text NOT NULL,
	"sector" text NOT NULL,
	"comune" text NOT NULL,
	"ambito" text NOT NULL,
	"roles" text[] NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_vat_number_unique" UNIQUE("vat_number")
);
--> statement-breakpoint
CREATE TABLE "employment_centre"."conventions" (
	"convention_ref" text PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"promoter_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	CONSTRAINT "conventions_valid_range" CHECK ("employment_centre"."conventions"."valid_until" >= "employment_centre"."conventions"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "employment_centre"."placements" (
	"placement_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"tirocinio_type" text,
	"title" text NOT NULL,
	"sector" text NOT NULL,
	"hours_per_week" integer NOT NULL,
	"seats" integer NOT NULL,
	"requirements" text[] NOT NULL,
	"status" text NOT NULL,
	"opened_on" date NOT NULL,
	CONSTRAINT "placements_hours" CHECK ("employment_centre"."placements"."hours_per_week" BETWEEN 1 AND 40),
	CONSTRAINT "placements_seats" CHECK ("employment_centre"."placements"."seats" >= 1)
);
--> statement-breakpoint
ALTER TABLE "employment_centre"."conventions" ADD CONSTRAINT "conventions_company_id_companies_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "employment_centre"."companies"("company_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_centre"."placements" ADD CONSTRAINT "placements_company_id_companies_company_id_fk" FOREIGN KEY ("company_id") REFERENCES "employment_centre"."companies"("company_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_ambito_idx" ON "employment_centre"."companies" USING btree ("ambito","comune");--> statement-breakpoint
CREATE INDEX "conventions_company_idx" ON "employment_centre"."conventions" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "placements_company_idx" ON "employment_centre"."placements" USING btree ("company_id","status");
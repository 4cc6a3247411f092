CREATE TABLE "read_models"."pathways" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"ambito" text NOT NULL,
	"person_ref" text NOT NULL,
	"stage" text,
	"agencies" text[] NOT NULL,
	"milestones" jsonb NOT NULL
);

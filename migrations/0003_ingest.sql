CREATE SCHEMA "ingest";
--> statement-breakpoint
CREATE TABLE "ingest"."batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"resource_code" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_department_id" integer,
	"file_name" text,
	"file_hash" text,
	"stored_file" text,
	"format" text,
	"encoding" text,
	"mapping" jsonb NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"rejected_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quality" jsonb,
	"error" text,
	"created_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"seconds" double precision
);
--> statement-breakpoint
CREATE TABLE "ingest"."row_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"row" integer NOT NULL,
	"kind" text NOT NULL,
	"reasons" text[] NOT NULL,
	"raw" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ingest"."row_issues" ADD CONSTRAINT "row_issues_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "ingest"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batches_resource_idx" ON "ingest"."batches" USING btree ("resource_id","started_at");--> statement-breakpoint
CREATE INDEX "row_issues_batch_idx" ON "ingest"."row_issues" USING btree ("batch_id","kind","row");--> statement-breakpoint
-- Loaded data lives in one table per resource (data.r_<resource id>), created when its first batch runs.
CREATE SCHEMA IF NOT EXISTS "data";

CREATE SCHEMA "registry";
--> statement-breakpoint
CREATE TABLE "registry"."conflicts" (
	"id" serial PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"key" text NOT NULL,
	"item" text NOT NULL,
	"candidates" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"resolved_value" text,
	"resolved_source" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."entities" (
	"registry" text NOT NULL,
	"key" text NOT NULL,
	"values" jsonb NOT NULL,
	"provenance" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_registry_key_pk" PRIMARY KEY("registry","key")
);
--> statement-breakpoint
CREATE TABLE "registry"."history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"key" text NOT NULL,
	"values" jsonb NOT NULL,
	"provenance" jsonb NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registry"."merged_batches" (
	"batch_id" integer PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"keys" integer NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."precedence" (
	"registry" text NOT NULL,
	"item" text NOT NULL,
	"sources" text[] NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "precedence_registry_item_pk" PRIMARY KEY("registry","item")
);
--> statement-breakpoint
CREATE TABLE "registry"."source_records" (
	"registry" text NOT NULL,
	"key" text NOT NULL,
	"source" text NOT NULL,
	"values" jsonb NOT NULL,
	"batch_id" integer NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "source_records_registry_key_source_pk" PRIMARY KEY("registry","key","source")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "conflicts_open_idx" ON "registry"."conflicts" USING btree ("registry","key","item") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "conflicts_status_idx" ON "registry"."conflicts" USING btree ("registry","status","created_at");--> statement-breakpoint
CREATE INDEX "history_entity_idx" ON "registry"."history" USING btree ("registry","key","valid_from");
CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE TABLE "catalog"."resource_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"change_note" text,
	CONSTRAINT "resource_versions_uq" UNIQUE("resource_id","version")
);
--> statement-breakpoint
CREATE TABLE "catalog"."resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"alias" text,
	"name" text NOT NULL,
	"classification" text NOT NULL,
	"class_code" text NOT NULL,
	"provider_department_id" integer NOT NULL,
	"summary" text NOT NULL,
	"format" text NOT NULL,
	"items" jsonb NOT NULL,
	"key_items" text[] NOT NULL,
	"share_type" text NOT NULL,
	"share_condition" text,
	"share_basis" text,
	"open_type" text NOT NULL,
	"open_condition" text,
	"update_cycle" text NOT NULL,
	"publish_date" date,
	"related_codes" text[] NOT NULL,
	"keywords" text[] NOT NULL,
	"search_text" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_code_unique" UNIQUE("code"),
	CONSTRAINT "resources_alias_unique" UNIQUE("alias")
);
--> statement-breakpoint
ALTER TABLE "catalog"."resource_versions" ADD CONSTRAINT "resource_versions_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "catalog"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resources_class_idx" ON "catalog"."resources" USING btree ("class_code");--> statement-breakpoint
CREATE INDEX "resources_provider_idx" ON "catalog"."resources" USING btree ("provider_department_id");
CREATE TABLE "registry"."license_serials" (
	"issuer_code" text NOT NULL,
	"type_code" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "license_serials_issuer_code_type_code_pk" PRIMARY KEY("issuer_code","type_code")
);
--> statement-breakpoint
CREATE TABLE "registry"."licenses" (
	"license_id" text PRIMARY KEY NOT NULL,
	"holder_id" text NOT NULL,
	"holder_id_type" text NOT NULL,
	"holder_name" text NOT NULL,
	"type_code" text NOT NULL,
	"type_name" text NOT NULL,
	"issuer_department_id" integer NOT NULL,
	"issuer_code" text NOT NULL,
	"issue_date" date NOT NULL,
	"valid_until" date,
	"signed_fields" jsonb NOT NULL,
	"signature" text NOT NULL,
	"key_id" integer NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text,
	"issued_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."objection_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"objection_id" integer NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"key" text NOT NULL,
	"item" text NOT NULL,
	"current_value" text,
	"proposed_value" text,
	"reason" text NOT NULL,
	"source" text,
	"source_department_id" integer,
	"raised_by_department_id" integer,
	"raised_by" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry"."signing_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts"."users" ADD COLUMN "id_number" text;--> statement-breakpoint
ALTER TABLE "registry"."entities" ADD COLUMN "search" text;--> statement-breakpoint
ALTER TABLE "registry"."objection_events" ADD CONSTRAINT "objection_events_objection_id_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "registry"."objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licenses_holder_idx" ON "registry"."licenses" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "licenses_issuer_idx" ON "registry"."licenses" USING btree ("issuer_department_id");--> statement-breakpoint
CREATE INDEX "objection_events_objection_idx" ON "registry"."objection_events" USING btree ("objection_id");--> statement-breakpoint
CREATE INDEX "objections_status_idx" ON "registry"."objections" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "objections_entity_idx" ON "registry"."objections" USING btree ("registry","key");--> statement-breakpoint
CREATE INDEX "signing_keys_department_idx" ON "registry"."signing_keys" USING btree ("department_id");--> statement-breakpoint
ALTER TABLE "accounts"."users" ADD CONSTRAINT "users_id_number_unique" UNIQUE("id_number");
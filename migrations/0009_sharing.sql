CREATE SCHEMA "sharing";
--> statement-breakpoint
CREATE TABLE "sharing"."applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"provider_department_id" integer NOT NULL,
	"applicant_department_id" integer NOT NULL,
	"applicant_user_id" integer NOT NULL,
	"applicant_name" text NOT NULL,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"items" text[] NOT NULL,
	"raw_items" text[] DEFAULT '{}' NOT NULL,
	"row_filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consuming_system" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"expected_daily_calls" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing"."calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"key_id" text,
	"grant_id" integer,
	"consumer_department_id" integer,
	"resource_id" integer,
	"endpoint" text NOT NULL,
	"items" text[],
	"query" jsonb,
	"rows" integer DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"status" integer NOT NULL,
	"ms" real,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "sharing"."credentials" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"key_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "sharing"."decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"items" text[],
	"reason" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing"."grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"resource_id" integer NOT NULL,
	"consumer_department_id" integer NOT NULL,
	"consuming_system" text NOT NULL,
	"items" text[] NOT NULL,
	"raw_items" text[] DEFAULT '{}' NOT NULL,
	"row_filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rate_per_minute" integer NOT NULL,
	"daily_quota" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing"."notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"application_id" integer,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing"."usage" (
	"grant_id" integer NOT NULL,
	"period" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_grant_id_period_starts_at_pk" PRIMARY KEY("grant_id","period","starts_at")
);
--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "sharing"."applications" USING btree ("applicant_department_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "sharing"."applications" USING btree ("status","provider_department_id");--> statement-breakpoint
CREATE INDEX "calls_resource_idx" ON "sharing"."calls" USING btree ("resource_id","at");--> statement-breakpoint
CREATE INDEX "calls_grant_idx" ON "sharing"."calls" USING btree ("grant_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_key_idx" ON "sharing"."credentials" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "credentials_grant_idx" ON "sharing"."credentials" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "decisions_application_idx" ON "sharing"."decisions" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_application_idx" ON "sharing"."grants" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grants_resource_idx" ON "sharing"."grants" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "grants_consumer_idx" ON "sharing"."grants" USING btree ("consumer_department_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "sharing"."notifications" USING btree ("user_id","read","created_at");
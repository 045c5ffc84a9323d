CREATE SCHEMA "events";
--> statement-breakpoint
CREATE TABLE "events"."case_sequences" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."case_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"department_id" integer,
	"note" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"category_code" text,
	"department_id" integer,
	"assist_department_ids" integer[] DEFAULT '{}' NOT NULL,
	"title" text,
	"content" text NOT NULL,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"subdistrict_code" text,
	"community_code" text,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"wants_reply" boolean DEFAULT true NOT NULL,
	"media_urls" text[] DEFAULT '{}' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"clock_from" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"suspended_at" timestamp with time zone,
	"suspended_from" text,
	"reply" text,
	"satisfaction" text,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"extension_request" jsonb,
	"supervised" boolean DEFAULT false NOT NULL,
	"escalated" boolean DEFAULT false NOT NULL,
	"merged_into" bigint,
	"token" text,
	"api_key_id" integer,
	"created_by" integer,
	"source_number" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_id" integer NOT NULL,
	"time_limit" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."dispatch_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_code" text,
	"subdistrict_code" text,
	"department_id" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatch_rules_key" UNIQUE NULLS NOT DISTINCT("category_code","subdistrict_code")
);
--> statement-breakpoint
CREATE INDEX "case_steps_case_idx" ON "events"."case_steps" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "events"."cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_token_key" ON "events"."cases" USING btree ("token");--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "events"."cases" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "events"."cases" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "events"."cases" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "cases_category_idx" ON "events"."cases" USING btree ("category_code","received_at");--> statement-breakpoint
CREATE INDEX "cases_subdistrict_idx" ON "events"."cases" USING btree ("subdistrict_code","received_at");
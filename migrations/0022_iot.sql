CREATE SCHEMA "iot";
--> statement-breakpoint
CREATE TABLE "iot"."aggregates" (
	"device_id" integer NOT NULL,
	"key" text NOT NULL,
	"interval" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"sum" double precision NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "aggregates_device_id_key_interval_bucket_pk" PRIMARY KEY("device_id","key","interval","bucket")
);
--> statement-breakpoint
CREATE TABLE "iot"."alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" integer NOT NULL,
	"rule_id" integer NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_value" jsonb,
	"last_value" jsonb,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"cleared_at" timestamp with time zone,
	"case_number" text
);
--> statement-breakpoint
CREATE TABLE "iot"."bad_payloads" (
	"device_id" integer NOT NULL,
	"reason" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_sample" text,
	CONSTRAINT "bad_payloads_device_id_reason_pk" PRIMARY KEY("device_id","reason")
);
--> statement-breakpoint
CREATE TABLE "iot"."devices" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"profile_code" text NOT NULL,
	"name" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"subdistrict_code" text,
	"community_code" text,
	"department_id" integer NOT NULL,
	"component_code" text,
	"installed_on" date,
	"status" text DEFAULT 'offline' NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gateway_id" integer,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iot"."latest" (
	"device_id" integer NOT NULL,
	"key" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"num" double precision,
	"txt" text,
	CONSTRAINT "latest_device_id_key_pk" PRIMARY KEY("device_id","key")
);
--> statement-breakpoint
CREATE TABLE "iot"."profiles" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"keys" jsonb NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"retention_days" integer DEFAULT 30 NOT NULL,
	"offline_minutes" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iot"."rollup_marks" (
	"interval" text PRIMARY KEY NOT NULL,
	"done_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iot"."rule_states" (
	"device_id" integer NOT NULL,
	"rule_id" integer NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_value" double precision,
	CONSTRAINT "rule_states_device_id_rule_id_pk" PRIMARY KEY("device_id","rule_id")
);
--> statement-breakpoint
CREATE TABLE "iot"."rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"profile_code" text,
	"device_id" integer,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"severity" text NOT NULL,
	"case_category" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iot"."telemetry" (
	"device_id" integer NOT NULL,
	"key" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"num" double precision,
	"txt" text
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "iot"."telemetry_default" PARTITION OF "iot"."telemetry" DEFAULT;
--> statement-breakpoint
ALTER TABLE "iot"."devices" ADD CONSTRAINT "devices_profile_code_profiles_code_fk" FOREIGN KEY ("profile_code") REFERENCES "iot"."profiles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_one_active" ON "iot"."alarms" USING btree ("device_id","rule_id","subject") WHERE "iot"."alarms"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "alarms_started" ON "iot"."alarms" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "alarms_case" ON "iot"."alarms" USING btree ("case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_code" ON "iot"."devices" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token" ON "iot"."devices" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "devices_department" ON "iot"."devices" USING btree ("department_id","profile_code");--> statement-breakpoint
CREATE INDEX "devices_status" ON "iot"."devices" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rules_profile" ON "iot"."rules" USING btree ("profile_code");--> statement-breakpoint
CREATE INDEX "rules_device" ON "iot"."rules" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "telemetry_device_key_ts" ON "iot"."telemetry" USING btree ("device_id","key","ts");
CREATE SCHEMA "ioc";
--> statement-breakpoint
CREATE TABLE "ioc"."briefings" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"number" text NOT NULL,
	"figures" jsonb NOT NULL,
	"docx" "bytea" NOT NULL,
	"pdf" "bytea" NOT NULL,
	"trigger" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" integer,
	"generated_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ioc"."facilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"subdistrict_code" text,
	"capacity" integer
);
--> statement-breakpoint
CREATE TABLE "ioc"."incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"radius_m" integer DEFAULT 1000 NOT NULL,
	"subdistrict_code" text,
	"case_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"alarm_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" integer,
	"started_by_name" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" integer,
	"ended_by_name" text,
	"end_note" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "facilities_kind_name" ON "ioc"."facilities" USING btree ("kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_one_open" ON "ioc"."incidents" USING btree ((true)) WHERE "ioc"."incidents"."ended_at" is null;
CREATE TABLE "events"."case_stats_days" (
	"day" date NOT NULL,
	"department_id" integer,
	"subdistrict_code" text,
	"category_code" text,
	"channel" text NOT NULL,
	"received" integer NOT NULL,
	"closed" integer NOT NULL,
	"on_time" integer NOT NULL,
	"called_back" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"reopened" integer NOT NULL,
	"handling_hours" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."case_stats_months" (
	"month" date NOT NULL,
	"department_id" integer,
	"subdistrict_code" text,
	"category_code" text,
	"channel" text NOT NULL,
	"received" integer NOT NULL,
	"closed" integer NOT NULL,
	"on_time" integer NOT NULL,
	"called_back" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"reopened" integer NOT NULL,
	"handling_hours" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."case_stats_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_stats_days_day_idx" ON "events"."case_stats_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "case_stats_months_month_idx" ON "events"."case_stats_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "events"."cases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "cases_list_idx" ON "events"."cases" USING btree ("received_at" desc nulls last,"id" desc);--> statement-breakpoint
CREATE INDEX "cases_map_idx" ON "events"."cases" USING btree ("received_at","lng","lat","status","category_code","channel","department_id");--> statement-breakpoint
CREATE INDEX "cases_category_status_idx" ON "events"."cases" USING btree ("category_code","status");
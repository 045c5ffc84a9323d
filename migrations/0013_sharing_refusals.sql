CREATE TABLE "sharing"."refusals" (
	"minute" timestamp with time zone NOT NULL,
	"ip" text NOT NULL,
	"outcome" text NOT NULL,
	"status" integer NOT NULL,
	"calls" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refusals_minute_ip_outcome_status_pk" PRIMARY KEY("minute","ip","outcome","status")
);

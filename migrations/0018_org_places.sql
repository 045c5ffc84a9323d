CREATE TABLE "org"."boundaries" (
	"division_code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"coordinates" jsonb NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org"."gazetteer" (
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"subdistrict_code" text NOT NULL,
	"community_code" text,
	"lng" double precision,
	"lat" double precision,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gazetteer_key_subdistrict_code_pk" PRIMARY KEY("key","subdistrict_code")
);
--> statement-breakpoint
ALTER TABLE "org"."boundaries" ADD CONSTRAINT "boundaries_division_code_divisions_code_fk" FOREIGN KEY ("division_code") REFERENCES "org"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org"."gazetteer" ADD CONSTRAINT "gazetteer_subdistrict_code_divisions_code_fk" FOREIGN KEY ("subdistrict_code") REFERENCES "org"."divisions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org"."gazetteer" ADD CONSTRAINT "gazetteer_community_code_divisions_code_fk" FOREIGN KEY ("community_code") REFERENCES "org"."divisions"("code") ON DELETE no action ON UPDATE no action;
CREATE TABLE "citizen"."report_photos" (
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_photos_user_id_name_pk" PRIMARY KEY("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "citizen"."report_photos" ADD CONSTRAINT "report_photos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "accounts"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "events"."cases" USING btree ("created_by","received_at" desc,"id" desc) WHERE "events"."cases"."created_by" is not null;
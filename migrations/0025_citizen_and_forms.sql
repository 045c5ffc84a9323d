CREATE SCHEMA "citizen";
--> statement-breakpoint
CREATE SCHEMA "forms";
--> statement-breakpoint
CREATE TABLE "citizen"."company_links" (
	"user_id" integer NOT NULL,
	"credit_code" text NOT NULL,
	"company_name" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_links_user_id_credit_code_pk" PRIMARY KEY("user_id","credit_code")
);
--> statement-breakpoint
CREATE TABLE "citizen"."license_shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"license_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "license_shares_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "citizen"."notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen"."services" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"summary" text,
	"department_id" integer,
	"place" text,
	"hours" text,
	"phone" text,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"form_code" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen"."signup_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"id_number_hash" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forms"."deliveries" (
	"submission_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "deliveries_submission_id_department_id_pk" PRIMARY KEY("submission_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "forms"."forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"audience" text NOT NULL,
	"owner_department_id" integer NOT NULL,
	"receiving_department_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"fields" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "forms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "forms"."remembered_answers" (
	"user_id" integer NOT NULL,
	"subject_key" text NOT NULL,
	"reuse_key" text NOT NULL,
	"value" text NOT NULL,
	"from_form_id" integer,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remembered_answers_user_id_subject_key_reuse_key_pk" PRIMARY KEY("user_id","subject_key","reuse_key")
);
--> statement-breakpoint
CREATE TABLE "forms"."submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"form_version" integer NOT NULL,
	"user_id" integer NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"answers" jsonb NOT NULL,
	"prefilled_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"reused_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizen"."company_links" ADD CONSTRAINT "company_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "accounts"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen"."license_shares" ADD CONSTRAINT "license_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "accounts"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen"."services" ADD CONSTRAINT "services_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "org"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."deliveries" ADD CONSTRAINT "deliveries_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "forms"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."deliveries" ADD CONSTRAINT "deliveries_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "org"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."forms" ADD CONSTRAINT "forms_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "org"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."remembered_answers" ADD CONSTRAINT "remembered_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "accounts"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."remembered_answers" ADD CONSTRAINT "remembered_answers_from_form_id_forms_id_fk" FOREIGN KEY ("from_form_id") REFERENCES "forms"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."submissions" ADD CONSTRAINT "submissions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "forms"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms"."submissions" ADD CONSTRAINT "submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "accounts"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "license_shares_user_idx" ON "citizen"."license_shares" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notices_published_idx" ON "citizen"."notices" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "signup_failures_id_idx" ON "citizen"."signup_failures" USING btree ("id_number_hash","at");--> statement-breakpoint
CREATE INDEX "signup_failures_ip_idx" ON "citizen"."signup_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "deliveries_department_idx" ON "forms"."deliveries" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "submissions_form_idx" ON "forms"."submissions" USING btree ("form_id","submitted_at");--> statement-breakpoint
CREATE INDEX "submissions_user_idx" ON "forms"."submissions" USING btree ("user_id");
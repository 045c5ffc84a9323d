ALTER TABLE "sharing"."applications" ADD COLUMN "on_behalf" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing"."decisions" ADD COLUMN "on_behalf_of" integer;
CREATE SCHEMA "audit_anchor";
--> statement-breakpoint
CREATE TABLE "audit_anchor"."checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"entry_count" bigint NOT NULL,
	"head_id" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);

ALTER TABLE "accounts"."users" ADD COLUMN "phone" text;--> statement-breakpoint
CREATE INDEX "users_phone_idx" ON "accounts"."users" USING btree ("phone");
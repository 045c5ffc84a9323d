ALTER TABLE "registry"."entities" ADD COLUMN "id" bigserial NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_id_idx" ON "registry"."entities" USING btree ("id");
ALTER TABLE "ingest"."batches" ADD COLUMN "headers" text[];--> statement-breakpoint
ALTER TABLE "ingest"."batches" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "ingest"."row_issues" ADD COLUMN "fields" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Hand-written: batches from before this migration. An interrupted batch says so by its status; a failed one's
-- cause is unknown (its detail stays). Each item of a quality report was supplied when a column mapped to it.
UPDATE "ingest"."batches" SET "error_code" = 'interrupted' WHERE "status" = 'interrupted';--> statement-breakpoint
UPDATE "ingest"."batches" AS b SET "quality" = (
  SELECT jsonb_agg(
    q || jsonb_build_object(
      'supplied', EXISTS (SELECT 1 FROM jsonb_each_text(b."mapping") AS m WHERE m.value = q->>'code')
    ) ORDER BY n
  )
  FROM jsonb_array_elements(b."quality") WITH ORDINALITY AS t(q, n)
)
WHERE jsonb_typeof(b."quality") = 'array' AND jsonb_array_length(b."quality") > 0;

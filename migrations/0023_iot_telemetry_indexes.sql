CREATE INDEX "aggregates_interval_bucket" ON "iot"."aggregates" USING btree ("interval","bucket");--> statement-breakpoint
CREATE INDEX "telemetry_ts_brin" ON "iot"."telemetry" USING brin ("ts");
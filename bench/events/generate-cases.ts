// Bench support: a year of historical cases generated in one SQL statement (generate_series), with a realistic
// spread: more cases in summer and on weekdays' working hours, a few categories far commoner than others, every
// subdistrict, handling times around each category's time limit, most closed, satisfaction mostly good.
import type postgres from 'postgres';

/** Inserts `count` cases received over the year before `now`; returns how long it took in ms. */
export async function generateCases(sql: postgres.Sql, count: number, now: Date): Promise<number> {
  const started = performance.now();
  await sql`
    with cats as (
      select array_agg(code order by sort) as codes, array_agg(department_id order by sort) as depts,
             array_agg(case when time_limit like '%wd' then split_part(time_limit, 'w', 1)::int * 33.6
                            else rtrim(time_limit, 'h')::int end order by sort) as hours,
             array_agg(name order by sort) as names, count(*)::int as n
      from events.categories),
    subs as (
      select array_agg(code order by code) as codes, array_agg(name order by code) as names,
             array_agg(coalesce(lng, 112.82) order by code) as lngs, array_agg(coalesce(lat, 28.35) order by code) as lats,
             count(*)::int as n
      from org.divisions where level = 'subdistrict'),
    draws as (
      select g,
             -- Skewed towards the first categories: a few kinds of problem make most of the calls.
             1 + floor(power(random(), 1.8) * cats.n)::int as c,
             1 + floor(random() * subs.n)::int as s,
             -- A day in the year, summer busier (sine over the year), then an hour mostly in working hours.
             ${now}::timestamptz - make_interval(days => d.day) - make_interval(hours => (24 - (8 + floor(power(random(), 0.7) * 14)))::int)
               - make_interval(mins => floor(random() * 60)::int) as received_at,
             random() as r_status, random() as r_time, random() as r_sat, random() as r_reopen, random() as r_channel,
             random() - 0.5 as dx, random() - 0.5 as dy
      from generate_series(1, ${count}::int) g, cats, subs,
           lateral (select floor(365 * (x + 0.06 * sin(2 * pi() * x))) ::int as day
                    from (select random() + g * 0 as x) r) d),
    shaped as (
      select d.*, cats.codes[c] as category, cats.depts[c] as dept, cats.hours[c] as limit_hours, cats.names[c] as cname,
             subs.codes[s] as sub, subs.names[s] as sname, subs.lngs[s] + dx * 0.07 as lng, subs.lats[s] + dy * 0.06 as lat,
             extract(epoch from ${now}::timestamptz - received_at) / 86400 as age_days
      from draws d, cats, subs)
    insert into events.cases (number, channel, status, category_code, department_id, content, address, lng, lat,
      subdistrict_code, urgency, received_at, due_at, dispatched_at, accepted_at, replied_at, closed_at, reply,
      satisfaction, reopen_count, source_number)
    select to_char(received_at at time zone 'UTC' + interval '8 hours', 'YYYYMMDD') || lpad(g::text, 7, '0'),
           (array['hotline','hotline','hotline','hotline','grid','grid','open311','app','sensor'])[1 + floor(r_channel * 9)::int],
           state.status, category, dept,
           sname || '居民反映：' || cname || '问题，编号' || g || '，请尽快处理',
           '望城区' || sname || (array['雷锋大道','郭亮路','金星北路','腾飞路','黄金路','旺旺路'])[1 + (g % 6)] || (g % 300) || '号',
           lng, lat, sub, case when g % 50 = 0 then 'urgent' else 'normal' end,
           received_at, received_at + make_interval(secs => limit_hours * 3600),
           received_at + interval '20 minutes', received_at + interval '2 hours',
           case when state.status in ('replied','reviewed','closed') then received_at + make_interval(secs => limit_hours * 3600 * (0.15 + r_time * 1.05)) end,
           case when state.status = 'closed' then received_at + make_interval(secs => limit_hours * 3600 * (0.15 + r_time * 1.05) + 86400) end,
           case when state.status in ('replied','reviewed','closed') then '已处理' end,
           case when state.status = 'closed' then (case when r_sat < 0.72 then 'satisfied' when r_sat < 0.9 then 'basically_satisfied' else 'unsatisfied' end) end,
           case when r_reopen < 0.05 then 1 else 0 end,
           'bench-' || g
    from shaped,
         lateral (select case when age_days > 20 or r_status < 0.3 then 'closed'
                              when r_status < 0.45 then 'dispatched' when r_status < 0.6 then 'accepted'
                              when r_status < 0.7 then 'in_progress' when r_status < 0.8 then 'replied'
                              when r_status < 0.9 then 'reviewed' else 'received' end as status) state
    -- Stored in the order they came in, as a live system stores them.
    order by received_at`;
  await sql`vacuum analyze events.cases`;
  return performance.now() - started;
}

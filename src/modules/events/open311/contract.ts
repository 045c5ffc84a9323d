/**
 * What Open311 clients send: the fields of a POST (form-encoded or JSON, so every value may come as text) and the
 * filters of a GET of requests. Field names are the spec's, so errors name what the client sent.
 */
import { z } from 'zod';

// A form sends an empty field as ''; that is "not given".
const given = (v: unknown) => (v === '' || v === null ? undefined : v);
const text = (max: number) => z.preprocess(given, z.string().trim().max(max).optional());
const number = (min: number, max: number) =>
  z.preprocess((v) => {
    const g = given(v);
    return typeof g === 'string' && g.trim() !== '' ? Number(g) : g;
  }, z.number().min(min).max(max).optional());

/** A POST of a service request (GeoReport v2 "Create service request"); unknown fields (attribute[…]) are ignored. */
export const open311Post = z.object({
  api_key: text(200),
  service_code: text(60),
  lat: number(-90, 90),
  long: number(-180, 180),
  address_string: text(300),
  address_id: text(100),
  email: z.preprocess(given, z.string().trim().max(200).email().optional()),
  device_id: text(200),
  account_id: text(200),
  first_name: text(60),
  last_name: text(60),
  phone: z.preprocess(
    given,
    z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,20}$/, 'phone_format')
      .optional(),
  ),
  description: text(4000),
  media_url: z.preprocess(given, z.string().trim().max(1000).url().optional()),
});
export type Open311Post = z.infer<typeof open311Post>;

const list = (max: number) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().max(60)).max(max).optional(),
  );
const dateTime = z.preprocess(
  given,
  z
    .string()
    .trim()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'invalid_format')
    .optional(),
);

/** The filters of GET requests.json (GeoReport v2 "Get service requests"). */
export const open311Query = z.object({
  service_request_id: list(1000),
  service_code: list(100),
  start_date: dateTime,
  end_date: dateTime,
  status: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z
      .array(z.enum(['open', 'closed']))
      .max(2)
      .optional(),
  ),
});
export type Open311Query = z.infer<typeof open311Query>;

/** One service request as the public sees it: never the reporter's name, phone or e-mail. */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

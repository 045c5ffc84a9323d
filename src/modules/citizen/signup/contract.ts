import { z } from 'zod';

// Real-name sign-up (实名注册) in the citizen app: the request; the answer is the signed-in user (accounts' `me`).

/** Full-width digits and letters typed on a Chinese keyboard are the same characters. */
const text = () => z.string().normalize('NFKC').trim();

export const signupBody = z
  .object({
    name: text().min(1).max(40),
    /** Checked (GB 11643) by the service, which names the problem; here only its shape. */
    idNumber: text().toUpperCase().min(1).max(18),
    /** A mainland mobile number, 11 digits. */
    phone: text().regex(/^1[3-9]\d{9}$/),
    /** The accounts' password rules (at least 8 characters of three kinds), checked by the service. */
    password: z.string().min(8).max(128),
  })
  .strict();
export type SignupBody = z.infer<typeof signupBody>;

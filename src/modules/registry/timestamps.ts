/** A timestamp as either driver returns it (Date, or text) in ISO form. */
export const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

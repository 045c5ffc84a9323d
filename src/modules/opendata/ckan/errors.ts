// Errors as the CKAN Action API reports them, inside its envelope {help, success: false, error}.

/** A CKAN API error: its `__type`, HTTP status and either a message or CKAN's per-field lists. */
export class CkanError extends Error {
  readonly status: number;
  readonly type: string;
  readonly fields: Record<string, string[]>;
  constructor(status: number, type: string, message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.fields = fields;
  }

  /** The `error` member of CKAN's envelope. */
  get body(): Record<string, unknown> {
    return Object.keys(this.fields).length
      ? { __type: this.type, ...this.fields }
      : { __type: this.type, message: this.message };
  }
}

/** 404 as CKAN says it. */
export const ckanNotFound = () => new CkanError(404, 'Not Found Error', 'Not found');
/** 409 Validation Error naming the bad parameter, as CKAN's validators do. */
export const ckanInvalid = (field: string, message: string) =>
  new CkanError(409, 'Validation Error', message, { [field]: [message] });
/** 400 Search Query Error for a query or sort this subset does not understand. */
export const ckanBadQuery = (message: string) =>
  new CkanError(400, 'Search Query Error', `Search Query is invalid: ${message}`);

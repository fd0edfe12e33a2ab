// What the data layer knows of each table: its columns as declared in XanoScript, and its
// indexes. Migrations were generated from the same declarations.

export interface ColumnDefinition {
  /** The XanoScript type: int, decimal, text, email, password, bool, timestamp, date, uuid, json, enum, … */
  type: string;
  /** `text[]`: a list, stored as JSON. */
  list?: boolean;
  /** `text?` or `name?`: the column accepts null. */
  nullable?: boolean;
  default?: string | number | boolean | null | Record<string, unknown> | unknown[];
  /** `filters=trim|lower|min:8` as [name, ...args]: applied on every write, as Xano does. */
  filters?: readonly (readonly (string | number | boolean)[])[];
  /** An enum's values. */
  values?: readonly string[];
  /** `table = "user"`: the table this column refers to (a foreign key when both are migrated). */
  table?: string;
  /** A vector's dimensions. */
  size?: number;
}

export interface IndexDefinition {
  type: string;
  fields: { name: string; op?: string }[];
  name?: string;
  lang?: string;
}

export interface TableDefinition {
  name: string;
  columns: Record<string, ColumnDefinition>;
  indexes?: IndexDefinition[];
}

/** A stored file (image, attachment, audio, video, file columns), as Xano keeps it: JSON metadata. */
export interface StoredFile {
  access?: "public" | "private";
  path: string;
  name: string;
  type?: string;
  size?: number;
  mime?: string;
  meta?: Record<string, unknown>;
  url?: string;
}

/** A geo_* value as Xano returns it, e.g. `{ type: "point", data: { lng, lat } }`. */
export interface GeoValue {
  type: string;
  data: unknown;
}

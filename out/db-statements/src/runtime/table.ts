// Column metadata of a migrated table: what migrations and the data layer read.

export interface ColumnDefinition {
  type: string;
  list?: boolean;
  nullable?: boolean;
  default?: string | number | boolean | null;
}

export interface TableDefinition {
  name: string;
  columns: Record<string, ColumnDefinition>;
}

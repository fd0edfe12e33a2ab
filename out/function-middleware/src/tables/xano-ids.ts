// Each table's id in Xano, from the workspace export's file names (tables/<id>_<name>.xs):
// Xano's database names the table mvpw<workspace>_<id>. Tables missing here are matched by a
// --map file (see src/import.ts).

export const xanoTableIds: Record<string, number> = {};

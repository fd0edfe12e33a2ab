// A group's OpenAPI 3.1 document, made from the same endpoint objects the server mounts (their
// verbs, paths, input fields and auth), so it cannot drift from what the server accepts.
import type { InputField } from "./input.js";
import type { ApiGroup, Endpoint } from "./server.js";

type Schema = Record<string, unknown>;

const FORMATS: Record<string, Schema> = {
  int: { type: "integer" },
  decimal: { type: "number" },
  bool: { type: "boolean" },
  text: { type: "string" },
  password: { type: "string", format: "password" },
  email: { type: "string", format: "email" },
  uuid: { type: "string", format: "uuid" },
  date: { type: "string", format: "date" },
  timestamp: {
    anyOf: [
      { type: "integer", description: "epoch milliseconds" },
      { type: "string", format: "date-time" },
    ],
  },
  vector: { type: "array", items: { type: "number" } },
  file: { type: "string", format: "binary" },
  image: { type: "string", format: "binary" },
  video: { type: "string", format: "binary" },
  audio: { type: "string", format: "binary" },
  attachment: { type: "string", format: "binary" },
};

function fieldSchema(field: InputField): Schema {
  let schema: Schema;
  if (field.type === "enum") schema = { type: "string", ...(field.values ? { enum: [...field.values] } : {}) };
  else if (field.type === "object" && field.schema !== undefined) schema = objectSchema(field.schema);
  else schema = FORMATS[field.type] ?? {};
  if (field.list) schema = { type: "array", items: schema };
  if (field.nullable) schema = { anyOf: [schema, { type: "null" }] };
  if (field.default !== undefined) schema = { ...schema, default: field.default };
  return schema;
}

function isRequired(field: InputField): boolean {
  return !field.optional && !field.nullable && field.default === undefined;
}

function objectSchema(fields: readonly InputField[]): Schema {
  const required = fields.filter(isRequired).map((f) => f.name);
  return {
    type: "object",
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

const FILE_TYPES = new Set(["file", "image", "video", "audio", "attachment"]);

function operation(endpoint: Endpoint): Schema {
  const pathNames = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const inPath = endpoint.input.filter((f) => pathNames.includes(f.name));
  const rest = endpoint.input.filter((f) => !pathNames.includes(f.name));
  const parameters: Schema[] = pathNames.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: inPath.find((f) => f.name === name)
      ? fieldSchema(inPath.find((f) => f.name === name)!)
      : { type: "string" },
  }));
  const op: Schema = {
    summary: endpoint.description ?? `${endpoint.verb} ${endpoint.path}`,
    operationId: `${endpoint.verb.toLowerCase()}:${endpoint.path}`,
  };
  if (endpoint.verb === "GET" || endpoint.verb === "DELETE") {
    parameters.push(
      ...rest.map((f) => ({ name: f.name, in: "query", required: isRequired(f), schema: fieldSchema(f) })),
    );
  } else if (rest.length > 0) {
    const mediaType = rest.some((f) => FILE_TYPES.has(f.type)) ? "multipart/form-data" : "application/json";
    op.requestBody = { content: { [mediaType]: { schema: objectSchema(rest) } } };
  }
  if (parameters.length > 0) op.parameters = parameters;
  if (endpoint.auth !== undefined) op.security = [{ bearerAuth: [] }];
  const error = {
    description: "Xano's error body",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  op.responses = {
    "200": { description: "The response", content: { "application/json": { schema: {} } } },
    "400": error,
    ...(endpoint.auth !== undefined ? { "401": error } : {}),
    "500": error,
  };
  return op;
}

/**
 * A query's name as the document's path template: each segment's text percent-encoded as a
 * client sends it (the server decodes it back, routes.ts), its `{param}`s kept.
 */
function urlTemplate(path: string): string {
  const segments = path.split("/").filter((s) => s !== "");
  const encoded = segments.map((segment) =>
    segment
      .split(/(\{[^}]+\})/)
      .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
      .join(""),
  );
  return `/${encoded.join("/")}`;
}

export function openApiDocument(group: ApiGroup, baseUrl: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const endpoint of Object.values(group.endpoints)) {
    const path = urlTemplate(endpoint.path);
    (paths[path] ??= {})[endpoint.verb.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    info: { title: group.name, version: "1.0.0", ...(group.description ? { description: group.description } : {}) },
    servers: [{ url: `${baseUrl}/api:${encodeURIComponent(group.canonical)}` }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWE" } },
      schemas: {
        Error: {
          type: "object",
          properties: { code: { type: "string" }, message: { type: "string" }, payload: {} },
          required: ["code", "message"],
        },
      },
    },
  };
}

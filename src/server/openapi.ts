import type { ParamSpec } from './params.js';

/** What /openapi.json says about one route; built from the same specs the validators use. */
export interface RouteDoc {
  method: 'get' | 'post';
  /** Hono path (`:id` parameters). */
  path: string;
  summary: string;
  query?: ParamSpec;
  pathParams?: Record<string, string>;
}

const errorResponse = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

export function openApiDocument(routes: RouteDoc[], opts: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...Object.entries(r.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...Object.entries(r.query ?? {}).map(([name, rule]) => ({ name, in: 'query', required: false, description: rule.description, schema: rule.schema })),
    ];
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      parameters,
      responses: { 200: { description: 'OK', content: { 'application/json': {} } }, 400: errorResponse, 404: errorResponse, 413: errorResponse },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'sitrep API', version: opts.version, description: 'Read access to the events, stories, places and control changes sitrep has ingested.' },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

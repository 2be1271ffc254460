/**
 * One knowledge version for all instances: two service instances (real apps on real sockets) share one
 * PostgreSQL database and one INDEX_DIR/SOURCES_DIR. A document uploaded through instance A's console is cited
 * by instance B without a restart, and both /readyz say which version they serve.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { UPLOAD_FACT } from '../web/test/fixtures.ts';
import { waitFor } from './helpers.ts';
import { startSharedInstances, type SharedInstances } from './shared-instances.ts';

const ADMIN_TOKEN = 'shared-knowledge-admin-token-0123';

describe('two instances sharing one knowledge version', { timeout: 300_000 }, () => {
  let shared: SharedInstances | undefined;
  afterAll(async () => {
    await shared?.close();
  });

  it("cites a document uploaded through one instance's console from the other instance within 5 s, without a restart", async () => {
    shared = await startSharedInstances('hoidap-shared-', ADMIN_TOKEN);
    const { a, b } = shared;
    const readyz = async (url: string) =>
      (await (await fetch(`${url}/readyz`)).json()) as { knowledgeVersion: string; instance: string };
    const before = await readyz(b);
    expect(before.instance).toBe('inst-b');

    const md = `# ${UPLOAD_FACT.title}\n\n## ${UPLOAD_FACT.section}\n\n${UPLOAD_FACT.text}\n`;
    const upload = await fetch(`${a}/admin/api/documents?filename=the-thu-vien.md&folder=guides`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/octet-stream' },
      body: md,
    });
    expect(upload.status).toBe(202);
    await waitFor(
      async () => (await readyz(a)).knowledgeVersion !== before.knowledgeVersion,
      'instance A to swap to its new index',
      120_000,
    );
    const published = (await readyz(a)).knowledgeVersion;

    // From the moment A serves the new version, B has 5 s to serve and cite it.
    const cites = async () => {
      const res = await fetch(`${b}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: UPLOAD_FACT.question }),
      });
      const body = (await res.json()) as { citations?: Array<{ documentId: string }> };
      return (body.citations ?? []).some((c) => c.documentId === 'guides/the-thu-vien');
    };
    await waitFor(cites, 'instance B to cite the uploaded document', 5000);
    expect((await readyz(b)).knowledgeVersion).toBe(published);
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine, type TestDb } from '../db/testing.ts';
import type { Deps } from '../deps.ts';
import { createTestDeps } from '../testing.ts';
import { MAX_FILE_BYTES } from './file-policy.ts';
import { fileForDownload, filesForClient, filesForEveryone, removeFile, storeFile } from './files.service.ts';
import { outcome, seedClient } from './testing.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n% a tiny worksheet\n');

forEachEngine('clients: files', (engine) => {
  let deps: Deps;
  let db: TestDb;

  before(async () => {
    ({ deps, db } = await createTestDeps(engine));
  });
  after(() => db.destroy());

  it('stores bytes in the database and gives them back, whole, only to those allowed', async () => {
    const a = await seedClient(deps);
    const b = await seedClient(deps);
    const forA = await storeFile(deps, {
      clientId: a.id,
      owner: 'coach',
      uploadedByUserId: null,
      name: 'Values worksheet.pdf',
      bytes: PDF,
    });
    const forAll = await storeFile(deps, {
      clientId: null,
      owner: 'coach',
      uploadedByUserId: null,
      name: '../../etc/Reading list',
      bytes: PDF,
    });
    assert.equal(forAll.name, 'Reading list.pdf', 'no folders; the extension its bytes call for');
    assert.match(forA.sha256, /^[0-9a-f]{64}$/);

    const got = await fileForDownload(deps, forA.id, { clientId: a.id });
    assert.deepEqual(
      [got.file.name, got.file.contentType, Buffer.compare(got.bytes, Buffer.from(PDF))],
      ['Values worksheet.pdf', 'application/pdf', 0],
    );
    assert.equal((await fileForDownload(deps, forAll.id, { clientId: b.id })).file.name, 'Reading list.pdf');
    assert.equal((await fileForDownload(deps, forA.id, 'coach')).file.id, forA.id);
    assert.equal(await outcome(fileForDownload(deps, forA.id, { clientId: b.id })), 'client_item_not_found');

    assert.deepEqual((await filesForClient(deps, a.id)).map((f) => f.id).sort(), [forA.id, forAll.id].sort());
    assert.deepEqual(
      (await filesForClient(deps, b.id)).map((f) => f.id),
      [forAll.id],
    );
    assert.deepEqual(
      (await filesForEveryone(deps)).map((f) => f.id),
      [forAll.id],
    );
  });

  it('refuses files by their bytes: markup, programs, the wrong size; a client cannot share with everyone', async () => {
    const c = await seedClient(deps);
    const store = (
      name: string,
      bytes: Uint8Array,
      clientId: string | null = c.id,
      owner: 'client' | 'coach' = 'client',
    ) => outcome(storeFile(deps, { clientId, owner, uploadedByUserId: null, name, bytes }));
    const enc = (s: string) => new TextEncoder().encode(s);
    assert.equal(await store('page.html', enc('<html><script>alert(1)</script>')), 'file_type_refused');
    assert.equal(
      await store('notes.pdf', enc('<svg onload=alert(1)>')),
      'file_type_refused',
      'the name does not make it a PDF',
    );
    assert.equal(await store('tool.exe', Uint8Array.from([0x4d, 0x5a, 0x90, 0x00])), 'file_type_refused');
    assert.equal(await store('empty.txt', new Uint8Array(0)), 'file_type_refused');
    assert.equal(await store('big.pdf', new Uint8Array(MAX_FILE_BYTES + 1).fill(0x25)), 'file_too_large');
    assert.equal(await store('ok.pdf', PDF, null, 'client'), 'client_item_not_found');
    assert.equal(await store('ok.pdf', PDF, 'nobody'), 'client_not_found');
  });

  it('a client removes only files they sent; the coach removes any', async () => {
    const c = await seedClient(deps);
    const other = await seedClient(deps);
    const fromCoach = await storeFile(deps, {
      clientId: c.id,
      owner: 'coach',
      uploadedByUserId: null,
      name: 'plan.pdf',
      bytes: PDF,
    });
    const fromClient = await storeFile(deps, {
      clientId: c.id,
      owner: 'client',
      uploadedByUserId: null,
      name: 'mine.pdf',
      bytes: PDF,
    });
    assert.equal(await outcome(removeFile(deps, fromCoach.id, { clientId: c.id })), 'client_item_not_found');
    assert.equal(await outcome(removeFile(deps, fromClient.id, { clientId: other.id })), 'client_item_not_found');
    await removeFile(deps, fromClient.id, { clientId: c.id });
    await removeFile(deps, fromCoach.id, 'coach');
    assert.deepEqual(
      (await filesForClient(deps, c.id)).filter((f) => f.clientId === c.id),
      [],
    );
    assert.equal(
      (
        await db.db
          .selectFrom('client_file_blobs')
          .select('file_id')
          .where('file_id', 'in', [fromCoach.id, fromClient.id])
          .execute()
      ).length,
      0,
    );
  });
});

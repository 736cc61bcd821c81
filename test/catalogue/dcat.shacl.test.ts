import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import rdf from '@zazuko/env';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

/** DCAT-AP 3.0.1's core SHACL shapes (test/fixtures/dcat-ap/README.md). */
const shapesFile = join(import.meta.dirname, '../fixtures/dcat-ap/dcat-ap-SHACL.ttl');
const datasetOf = (quads: ReturnType<Parser['parse']>) => rdf.dataset(quads);

async function jsonLdGraph(document: unknown) {
  const nquads = (await jsonld.toRDF(document as never, { format: 'application/n-quads' })) as unknown as string;
  return datasetOf(new Parser({ format: 'N-Quads' }).parse(nquads));
}

interface Violation {
  focus: string;
  path: string;
  constraint: string;
}

for (const engine of engines) {
  describe(`the DCAT catalogue against the DCAT-AP 3 SHACL shapes on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let validator: SHACLValidator;
    const validate = async (data: ReturnType<typeof rdf.dataset>) => {
      const report = await validator.validate(data);
      const violations: Violation[] = report.results.map((result) => ({ focus: result.focusNode?.value ?? '', path: result.path?.value ?? '', constraint: result.sourceConstraintComponent?.value ?? '' }));
      return { conforms: report.conforms, violations };
    };

    before(async () => {
      validator = new SHACLValidator(datasetOf(new Parser().parse(readFileSync(shapesFile, 'utf8'))), { factory: rdf });
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      const [transport] = (await addAgencies(database.db, '上海市长宁区交通委员会')) as [number];
      const clerk = await addStaff(context, 'clerk', { id: transport, name: '上海市长宁区交通委员会' });
      const actor = { id: `user:${clerk.id}` };
      const open = await context.catalogue.create(entry(), clerk, actor);
      const conditional = await context.catalogue.create(entry({ name: '公交客流统计', open: 'conditional', updateFrequency: 'daily', keywords: '' }), clerk, actor);
      await context.catalogue.create(entry({ name: '违法停车记录', open: 'closed', openReason: '含个人信息', openBasis: '《个人信息保护法》' }), clerk, actor);
      await context.catalogue.distributions.upload(open.id, { bytes: Buffer.from('名称,泊位数\n中山公园停车场,120\n'), name: '停车场.csv' }, clerk, actor);
      await context.catalogue.distributions.addLink(open.id, { title: '停车场接口', url: 'https://api.example.org/parking', description: '按名称查询' }, clerk, actor);
      await context.catalogue.distributions.upload(conditional.id, { bytes: Buffer.from('[{"线路":"71路","客流":1200}]'), name: '客流.json' }, clerk, actor);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('GET /catalog.jsonld conforms, with datasets, distributions and checksums to check', async () => {
      const document = (await app.inject({ url: '/catalog.jsonld' })).json() as Record<string, any>;
      const graph = await jsonLdGraph(document);
      const typed = (type: string) => [...graph.match(null, rdf.ns.rdf.type, rdf.namedNode(type))].length;
      assert.deepEqual([typed('http://www.w3.org/ns/dcat#Dataset'), typed('http://www.w3.org/ns/dcat#Distribution'), typed('http://spdx.org/rdf/terms#Checksum')], [2, 3, 2]);
      const { conforms, violations } = await validate(graph);
      assert.deepEqual(violations, []);
      assert.equal(conforms, true);
    });

    it('GET /catalog.ttl conforms too', async () => {
      const response = await app.inject({ url: '/catalog.ttl' });
      const graph = datasetOf(new Parser({ baseIRI: 'http://127.0.0.1/' }).parse(response.body));
      assert.equal([...graph.match(null, rdf.ns.rdf.type, rdf.namedNode('http://www.w3.org/ns/dcat#Distribution'))].length, 3);
      const { conforms, violations } = await validate(graph);
      assert.deepEqual(violations, []);
      assert.equal(conforms, true);
    });

    it('does not pass a broken catalogue: a dataset without its description, a distribution without its access URL, an access right of no class', async () => {
      const document = (await app.inject({ url: '/catalog.jsonld' })).json() as Record<string, any>;
      const [dataset] = document['dcat:dataset'] as Record<string, any>[];
      delete dataset!['dct:description'];
      delete dataset!['dcat:distribution'][0]['dcat:accessURL'];
      dataset!['dct:accessRights'] = { '@id': dataset!['dct:accessRights']['@id'] };
      for (const other of document['dcat:dataset'].slice(1)) other['dct:accessRights'] = { '@id': other['dct:accessRights']['@id'] };
      for (const other of document['dcat:dataset']) for (const d of other['dcat:distribution']) d['dct:accessRights'] = { '@id': d['dct:accessRights']['@id'] };
      const { conforms, violations } = await validate(await jsonLdGraph(document));
      assert.equal(conforms, false);
      const paths = new Set(violations.map((v) => v.path));
      assert.ok(paths.has('http://purl.org/dc/terms/description'), 'the missing description is reported');
      assert.ok(paths.has('http://www.w3.org/ns/dcat#accessURL'), 'the missing access URL is reported');
      assert.ok(paths.has('http://purl.org/dc/terms/accessRights'), 'the untyped access right is reported');
    });
  });
}
